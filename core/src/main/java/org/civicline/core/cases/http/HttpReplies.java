package org.civicline.core.cases.http;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import io.vertx.core.Future;
import org.civicline.core.cases.NotAssignedException;
import org.civicline.core.cases.ValidationException;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.CaseConflictException;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.workflow.IllegalTransitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON answers of the case-handling API, and the status each failure stands for; never a stack trace. */
public final class HttpReplies {
    private static final Logger LOG = LoggerFactory.getLogger(HttpReplies.class);

    private HttpReplies() {
    }

    /** Runs {@code action} (which may throw a validation error at once) and answers with its result. */
    public static <T> void answer(RoutingContext ctx, Supplier<Future<T>> action) {
        Future<T> result;
        try {
            result = action.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onSuccess(value -> json(ctx, 200, value)).onFailure(e -> fail(ctx, e));
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(Jsons.write(body));
    }

    public static void invalid(RoutingContext ctx, String field, String message) {
        fail(ctx, new ValidationException(List.of(new ValidationException.Problem(field, message))));
    }

    public static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof ValidationException invalid) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "invalid request");
            body.put("problems", invalid.problems());
            json(ctx, 400, body);
        } else if (e instanceof NotFoundException) {
            json(ctx, 404, Map.of("error", e.getMessage()));
        } else if (e instanceof NotAssignedException) {
            json(ctx, 403, Map.of("error", e.getMessage()));
        } else if (e instanceof CaseConflictException) {
            json(ctx, 409, Map.of("error", e.getMessage()));
        } else if (e instanceof IllegalTransitionException) {
            json(ctx, 422, Map.of("error", e.getMessage()));
        } else {
            LOG.error("case handling request {} {} failed", ctx.request().method(), ctx.request().path(), e);
            json(ctx, 500, Map.of("error", "internal error"));
        }
    }
}
