package org.civicline.server.load;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

/**
 * The yardstick: a bare Vert.x HTTP endpoint that reads a JSON body and answers a small JSON document, one verticle per
 * core on its own Vert.x instance. CivicLine's intake rate is reported as a share of it, so figures compare across
 * machines.
 */
final class BareEndpoint {
    static final String PATH = "/intake";

    private final Vertx vertx = Vertx.vertx();
    private volatile int port;

    /** Starts one server per core; servers of one Vert.x asked for port 0 share the one free port it picks. */
    Future<Integer> start() {
        int cores = Runtime.getRuntime().availableProcessors();
        return vertx.deployVerticle(JsonEcho::new, new DeploymentOptions().setInstances(cores)).map(id -> port);
    }

    Future<Void> stop() {
        return vertx.close();
    }

    private final class JsonEcho extends AbstractVerticle {
        @Override
        public void start(Promise<Void> started) {
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setTcpNoDelay(true))
                    .requestHandler(request -> request.body().onSuccess(body -> {
                        JsonObject read = body.toJsonObject();
                        request.response().putHeader("Content-Type", "application/json")
                                .end("{\"ok\":true,\"fields\":" + read.size() + "}");
                    }))
                    .listen(0)
                    .onSuccess(server -> port = server.actualPort())
                    .<Void>mapEmpty()
                    .onComplete(started);
        }
    }
}
