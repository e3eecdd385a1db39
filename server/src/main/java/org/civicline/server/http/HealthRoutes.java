package org.civicline.server.http;

import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicline.core.json.Jsons;

/**
 * {@code /health} (liveness: the process answers) and {@code /ready} (readiness: the store and, with a PBX, the AMI
 * connection answer; 503 naming what is down otherwise), for a load balancer.
 */
public final class HealthRoutes {
    private final Readiness readiness;
    private final String nodeId;

    public HealthRoutes(Readiness readiness, String nodeId) {
        this.readiness = readiness;
        this.nodeId = nodeId;
    }

    public void mount(Router router) {
        router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(Jsons.write(Map.of("status", "UP", "node", nodeId))));
        router.get("/ready").handler(ctx -> readiness.check().onSuccess(parts -> {
            List<String> down = parts.entrySet().stream().filter(p -> !Readiness.UP.equals(p.getValue()))
                    .map(Map.Entry::getKey).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", down.isEmpty() ? "READY" : "NOT_READY");
            body.put("node", nodeId);
            if (!down.isEmpty()) {
                body.put("down", down);
                ctx.response().setStatusCode(503).putHeader("Retry-After", "5");
            }
            body.put("checks", parts);
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(Jsons.write(body));
        }));
    }
}
