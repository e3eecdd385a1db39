package org.civicline.server.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.cases.ValidationException;
import org.civicline.core.json.Jsons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns failures into JSON error responses a person can read; never a stack trace. */
public final class HttpErrors {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    public static void invalid(RoutingContext ctx, List<ValidationException.Problem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid request");
        body.put("problems", problems);
        send(ctx, 400, body);
    }

    public static void send(RoutingContext ctx, int status, String message) {
        send(ctx, status, Map.of("error", message));
    }

    /** Maps a failed event-bus request to the status its failure code stands for. */
    public static void fromBus(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ReplyException reply) {
            if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                int code = reply.failureCode();
                if (code == FailureCodes.INVALID) {
                    invalid(ctx, Jsons.mapper().convertValue(parseProblems(reply.getMessage()),
                            new TypeReference<List<ValidationException.Problem>>() { }));
                    return;
                }
                if (code >= 400 && code < 600) {
                    send(ctx, code, reply.getMessage());
                    return;
                }
            }
            LOG.warn("event bus request failed: {} {}", reply.failureType(), reply.getMessage());
            ctx.response().putHeader("Retry-After", "5");
            send(ctx, 503, "service busy, try again shortly");
            return;
        }
        LOG.error("request failed", failure);
        send(ctx, 500, "internal error");
    }

    private static Object parseProblems(String json) {
        try {
            return Jsons.mapper().readTree(json);
        } catch (Exception e) {
            return List.of(new ValidationException.Problem("request", json));
        }
    }

    private static void send(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Jsons.write(body));
    }
}
