package org.civicline.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.civicline.core.cases.ValidationException.Problem;
import org.civicline.core.json.Jsons;

/** Reads a JSON request body into a record, answering 400 with the offending field when it does not fit. */
public final class JsonBodies {
    private JsonBodies() {
    }

    public static <T> Optional<T> read(RoutingContext ctx, Class<T> type) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            HttpErrors.send(ctx, 415, "send the request as application/json");
            return Optional.empty();
        }
        var body = ctx.body();
        if (body == null || body.length() == 0) {
            HttpErrors.invalid(ctx, List.of(new Problem("body", "is empty; expected a JSON object")));
            return Optional.empty();
        }
        try {
            T value = Jsons.mapper().readValue(body.buffer().getBytes(), type);
            if (value == null) {
                HttpErrors.invalid(ctx, List.of(new Problem("body", "expected a JSON object, got null")));
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (UnrecognizedPropertyException e) {
            HttpErrors.invalid(ctx, List.of(new Problem(field(e), "unknown field; known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")))));
        } catch (InvalidFormatException e) {
            HttpErrors.invalid(ctx, List.of(new Problem(field(e), "expected " + describe(e.getTargetType())
                    + ", got '" + e.getValue() + "'")));
        } catch (JsonMappingException e) {
            String why = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage()
                    : "has the wrong type or shape";
            HttpErrors.invalid(ctx, List.of(new Problem(field(e), why)));
        } catch (JsonProcessingException e) {
            HttpErrors.invalid(ctx, List.of(new Problem("body", "is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")));
        } catch (java.io.IOException e) {
            HttpErrors.invalid(ctx, List.of(new Problem("body", "could not be read")));
        }
        return Optional.empty();
    }

    private static String field(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static String describe(Class<?> type) {
        if (type != null && type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        return type == null ? "another value" : "a " + type.getSimpleName();
    }
}
