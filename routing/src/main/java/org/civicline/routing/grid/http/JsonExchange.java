package org.civicline.routing.grid.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.json.Jsons;

/**
 * JSON in and out for the grid and device APIs: bodies read into records with the offending field named, a size
 * limit, and bus failures turned into HTTP statuses ({@code {"error": …, "problems": [{field, message}]}}).
 */
public final class JsonExchange {
    private JsonExchange() {
    }

    public static <T> Optional<T> read(RoutingContext ctx, Class<T> type, int maxBytes) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            error(ctx, 415, "send the request as application/json");
            return Optional.empty();
        }
        var body = ctx.body();
        if (body == null || body.length() == 0) {
            invalid(ctx, "body", "is empty; expected a JSON object");
            return Optional.empty();
        }
        if (body.length() > maxBytes) {
            error(ctx, 413, "the body is larger than " + maxBytes + " bytes");
            return Optional.empty();
        }
        try {
            T value = Jsons.mapper().readValue(body.buffer().getBytes(), type);
            if (value == null) {
                invalid(ctx, "body", "expected a JSON object, got null");
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (UnrecognizedPropertyException e) {
            invalid(ctx, field(e), "unknown field; known fields: " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            String why = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage()
                    : "has the wrong type or shape";
            invalid(ctx, field(e), why);
        } catch (JsonProcessingException e) {
            invalid(ctx, "body", "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            invalid(ctx, "body", "could not be read");
        }
        return Optional.empty();
    }

    /** Asks a local address with a JSON text request and answers with its JSON text reply. */
    public static void ask(Vertx vertx, RoutingContext ctx, String address, Object request) {
        vertx.eventBus().<String>request(address, Jsons.write(request))
                .onSuccess(reply -> json(ctx, 200, reply.body()))
                .onFailure(e -> fromBus(ctx, e));
    }

    public static void json(RoutingContext ctx, int status, String body) {
        if (status == 503) {
            // Nothing was done: a gateway or phone outbox should try again shortly, not give up.
            ctx.response().putHeader("Retry-After", "5");
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    public static void fromBus(RoutingContext ctx, Throwable e) {
        if (e instanceof ReplyException r && r.failureCode() == FailureCodes.INVALID
                && r.getMessage() != null && r.getMessage().startsWith("[")) {
            json(ctx, 400, "{\"error\":\"invalid request\",\"problems\":" + r.getMessage() + "}");
            return;
        }
        int status = e instanceof ReplyException r && r.failureCode() >= 400 && r.failureCode() < 600
                ? r.failureCode() : 503;
        error(ctx, status, String.valueOf(e.getMessage()));
    }

    public static void invalid(RoutingContext ctx, String field, String message) {
        invalid(ctx, List.of(Map.of("field", field, "message", message)));
    }

    public static void invalid(RoutingContext ctx, List<Map<String, String>> problems) {
        json(ctx, 400, Jsons.write(Map.of("error", "invalid request", "problems", problems)));
    }

    public static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, Jsons.write(Map.of("error", message)));
    }

    private static String field(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }
}
