package org.civicline.agentui;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.civicline.core.json.Jsons;

/** Answers an HTTP request with the reply of an event-bus request, mapping failure codes to statuses. */
public final class BusReplies {
    private BusReplies() {
    }

    public static <T> void answer(RoutingContext ctx, Future<T> reply) {
        reply.onSuccess(body -> json(ctx, 200, body))
                .onFailure(e -> json(ctx, status(e), Map.of("error", String.valueOf(e.getMessage()))));
    }

    /** The HTTP status for a failed bus request: the handler's failure code when it is one, else 503. */
    public static int status(Throwable failure) {
        return failure instanceof ReplyException r && r.failureCode() >= 400 && r.failureCode() < 600
                ? r.failureCode() : 503;
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        if (status == 503) {
            ctx.response().putHeader("Retry-After", "5");
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body instanceof String s ? s : Jsons.write(body));
    }

    public static void bad(RoutingContext ctx, String field, String message) {
        json(ctx, 400, Map.of("error", "invalid request", "problems",
                java.util.List.of(Map.of("field", field, "message", message))));
    }
}
