package org.civicline.routing;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.civicline.core.json.Jsons;

/**
 * The routing figures over HTTP: {@code /api/routing/live}, {@code /api/routing/stats}, {@code /api/routing/agents},
 * {@code /api/routing/queue}.
 */
final class RoutingRoutes {
    private final Vertx vertx;
    private final ZoneId zone;

    RoutingRoutes(Vertx vertx, ZoneId zone) {
        this.vertx = vertx;
        this.zone = zone;
    }

    void mount(Router router) {
        router.get("/api/routing/live").handler(ctx -> ask(ctx, RouterVerticle.LIVE_QUERY, ""));
        router.get("/api/routing/agents").handler(ctx -> ask(ctx, RouterVerticle.AGENTS_QUERY, ""));
        router.get("/api/routing/queue").handler(ctx -> ask(ctx, RouterVerticle.QUEUE_QUERY, ""));
        router.get("/api/routing/stats").handler(this::stats);
    }

    /**
     * {@code ?period=day&date=2026-11-23} (default: today) or {@code ?period=interval&from=…&to=…} (ISO instants,
     * default: the last 24 hours).
     */
    private void stats(RoutingContext ctx) {
        String period = ctx.queryParams().get("period");
        try {
            if (period == null || period.equals("day")) {
                String date = ctx.queryParams().get("date");
                LocalDate day = date == null ? LocalDate.now(zone) : LocalDate.parse(date);
                ask(ctx, RouterVerticle.STATS_QUERY, Jsons.write(Map.of("period", "day", "date", day.toString())));
            } else if (period.equals("interval")) {
                String to = ctx.queryParams().get("to");
                String from = ctx.queryParams().get("from");
                Instant end = to == null ? Instant.now() : Instant.parse(to);
                Instant start = from == null ? end.minusSeconds(86_400) : Instant.parse(from);
                if (!start.isBefore(end) || start.plusSeconds(31L * 86_400).isBefore(end)) {
                    bad(ctx, "from must be before to, at most 31 days apart");
                    return;
                }
                ask(ctx, RouterVerticle.STATS_QUERY, Jsons.write(Map.of("period", "interval", "from",
                        start.toString(), "to", end.toString())));
            } else {
                bad(ctx, "period must be 'day' or 'interval', got '" + period + "'");
            }
        } catch (DateTimeParseException e) {
            bad(ctx, "date must look like 2026-11-23, from/to like 2026-11-23T02:00:00Z: " + e.getParsedString());
        }
    }

    private void ask(RoutingContext ctx, String address, String query) {
        vertx.eventBus().<String>request(address, query)
                .onSuccess(reply -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(reply.body()))
                .onFailure(e -> {
                    int status = e instanceof ReplyException r && r.failureCode() >= 400 && r.failureCode() < 600
                            ? r.failureCode() : 503;
                    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                            .end(Jsons.write(Map.of("error", String.valueOf(e.getMessage()))));
                });
    }

    private static void bad(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                .end(Jsons.write(Map.of("error", "invalid request", "problems",
                        java.util.List.of(Map.of("field", "query", "message", message)))));
    }
}
