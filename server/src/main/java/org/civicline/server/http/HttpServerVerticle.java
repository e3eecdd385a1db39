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

/** The one HTTP server of a node: health, the case API, and the routes other modules mount. */
public final class HttpServerVerticle extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);

    private final HttpConfig config;
    private final Stores stores;
    private final String nodeId;
    private HttpServer server;

    public HttpServerVerticle(HttpConfig config, Stores stores, String nodeId) {
        this.config = config;
        this.stores = stores;
        this.nodeId = nodeId;
    }

    @Override
    public void start(Promise<Void> started) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        new HealthRoutes(stores, nodeId).mount(router);
        new CaseRoutes(vertx).mount(router);
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
