package org.civicline.server.http;

import io.vertx.ext.web.Router;
import java.util.Map;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.Stores;

/** {@code /health} (the process answers) and {@code /ready} (the store answers too), for a load balancer. */
public final class HealthRoutes {
    private final Stores stores;
    private final String nodeId;

    public HealthRoutes(Stores stores, String nodeId) {
        this.stores = stores;
        this.nodeId = nodeId;
    }

    public void mount(Router router) {
        router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(Jsons.write(Map.of("status", "UP", "node", nodeId))));
        router.get("/ready").handler(ctx -> stores.ping()
                .onSuccess(ok -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(Jsons.write(Map.of("status", "READY", "node", nodeId))))
                .onFailure(e -> ctx.response().setStatusCode(503).putHeader("Retry-After", "5")
                        .putHeader("Content-Type", "application/json")
                        .end(Jsons.write(Map.of("status", "NOT_READY", "store", String.valueOf(e.getMessage()))))));
    }
}
