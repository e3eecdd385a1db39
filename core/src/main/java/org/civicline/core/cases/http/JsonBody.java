package org.civicline.core.cases.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.civicline.core.json.Jsons;

/** Reads a JSON request body into a record; a body that does not fit is answered 400 naming the field. */
public final class JsonBody {
    private JsonBody() {
    }

    public static <T> Optional<T> read(RoutingContext ctx, Class<T> type) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            HttpReplies.json(ctx, 415, java.util.Map.of("error", "send the request as application/json"));
            return Optional.empty();
        }
        if (ctx.body() == null || ctx.body().length() == 0) {
            HttpReplies.invalid(ctx, "body", "is empty; expected a JSON object");
            return Optional.empty();
        }
        try {
            T value = Jsons.mapper().readValue(ctx.body().buffer().getBytes(), type);
            if (value == null) {
                HttpReplies.invalid(ctx, "body", "expected a JSON object, got null");
            }
            return Optional.ofNullable(value);
        } catch (UnrecognizedPropertyException e) {
            HttpReplies.invalid(ctx, field(e), "unknown field; known fields: " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            String why = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage()
                    : "has the wrong type or shape";
            HttpReplies.invalid(ctx, field(e), why);
        } catch (JsonProcessingException e) {
            HttpReplies.invalid(ctx, "body", "is not valid JSON");
        } catch (IOException e) {
            HttpReplies.invalid(ctx, "body", "could not be read");
        }
        return Optional.empty();
    }

    private static String field(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }
}
