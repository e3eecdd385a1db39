package org.civicline.server.http;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.civicline.core.store.Stores;
import org.civicline.server.HttpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one HTTP server of a node: the case API, and the routes other modules mount. */
public final class HttpServerVerticle extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);

    private final HttpConfig config;
    private final Router router;
    private HttpServer server;

    /** {@code router} already holds every module's routes; this adds the fallbacks and listens. */
    public HttpServerVerticle(HttpConfig config, Router router) {
        this.config = config;
        this.router = router;
    }

    /** The node's own routes; modules mount theirs between this and {@link HttpServerVerticle#start}. */
    public static void mountCoreRoutes(Router router, HttpConfig config, Stores stores, io.vertx.core.Vertx vertx) {
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        new CaseRoutes(vertx, stores.reference()).mount(router);
    }

    @Override
    public void start(Promise<Void> started) {
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
        vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host())
                .onSuccess(s -> {
                    server = s;
                    started.complete();
                })
                .onFailure(started::fail);
    }

    public int actualPort() {
        return server.actualPort();
    }
}
