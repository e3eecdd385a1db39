package org.civicline.server.http;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicline.core.store.Stores;
import org.civicline.server.HttpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP server: the case API, and the routes other modules mount. One server per configured event loop,
 * all on one port (Vert.x hands each new connection to the next), all serving the one router; what the route
 * handlers share is safe to use from several event loops.
 */
public final class HttpServerVerticle extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);

    private final HttpConfig config;
    private final Router router;
    private final AtomicInteger port;

    private HttpServerVerticle(HttpConfig config, Router router, AtomicInteger port) {
        this.config = config;
        this.router = router;
        this.port = port;
    }

    /** The node's own routes; modules mount theirs between this and {@link #deploy}. */
    public static void mountCoreRoutes(Router router, HttpConfig config, Stores stores, Vertx vertx) {
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        new CaseRoutes(vertx, stores.reference()).mount(router);
    }

    /**
     * Adds the fallbacks to {@code router}, which already holds every module's routes, and starts
     * {@link HttpConfig#servers()} servers on it. Succeeds with the port they listen on.
     */
    public static Future<Integer> deploy(Vertx vertx, HttpConfig config, Router router) {
        mountFallbacks(router, config);
        AtomicInteger port = new AtomicInteger(config.port());
        int servers = config.servers();
        return vertx.deployVerticle(() -> new HttpServerVerticle(config, router, port),
                        new DeploymentOptions().setInstances(servers))
                .map(id -> {
                    LOG.info("HTTP on {}:{} served by {} event loop(s)", config.host(), port.get(), servers);
                    return port.get();
                });
    }

    private static void mountFallbacks(Router router, HttpConfig config) {
        router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .sendFile("webroot/index.html"));
        router.route().last().handler(ctx -> HttpErrors.send(ctx, 404, "no such page: " + ctx.request().path()));
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            if (status == 413) {
                HttpErrors.send(ctx, 413, "request body larger than " + config.maxBodyBytes() + " bytes");
            } else if (status >= 500) {
                LOG.error("request {} failed", ctx.request().path(), ctx.failure());
                HttpErrors.send(ctx, status, "internal error");
            } else {
                HttpErrors.send(ctx, status, "bad request");
            }
        });
    }

    @Override
    public void start(Promise<Void> started) {
        // Every server asks for the configured port, even 0: Vert.x then gives all of them the one free port the
        // first one got (asking for that port by number instead would try to bind it a second time).
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(router)
                .listen(config.port(), config.host())
                .onSuccess(s -> {
                    port.compareAndSet(0, s.actualPort());
                    started.complete();
                })
                .onFailure(started::fail);
    }
}
