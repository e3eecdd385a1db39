package org.civicline.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.civicline.core.http.ClientAddresses;

/**
 * {@code GET /metrics}: the node's registry in Prometheus' text format. Scrapers belong on an internal network,
 * and this is the second fence: with a token every caller must send it as a bearer token; without one only callers
 * on this machine's loopback are served, and not when the request carries a proxy's forwarding header (a reverse
 * proxy on the same machine would otherwise make every visitor look local).
 */
public final class MetricsRoute {
    private final PrometheusMeterRegistry registry;
    private final byte[] token;

    /** {@code token} empty: loopback callers only. */
    public MetricsRoute(PrometheusMeterRegistry registry, String token) {
        this.registry = registry;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public void mount(Router router) {
        Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(registry);
        router.get("/metrics").handler(ctx -> {
            HttpServerRequest request = ctx.request();
            if (token.length > 0) {
                if (!hasToken(request.getHeader("Authorization"))) {
                    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
                    HttpErrors.send(ctx, 401, "metrics need the bearer token set in metrics.token");
                    return;
                }
            } else if (!ClientAddresses.isLocalAndDirect(request)) {
                HttpErrors.send(ctx, 403, "metrics are served to this machine's loopback only; set metrics.token "
                        + "to scrape from elsewhere");
                return;
            }
            ctx.response().putHeader("Cache-Control", "no-store");
            scrape.handle(ctx);
        });
    }

    private boolean hasToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }
}
