package org.civicline.channels.http;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The failure answer of the channel endpoints: a short plain-text reason, never a stack trace. */
public final class PlainErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PlainErrors.class);

    private PlainErrors() {
    }

    /** Seconds a sender is asked to wait before trying again when the store or the queue did not answer. */
    public static final String RETRY_AFTER_SECONDS = "5";

    /**
     * 503 with {@code Retry-After}: what arrived was not stored, so nothing is acknowledged and the sender (the app,
     * Twilio, WeChat, a browser) is told to try again shortly instead.
     */
    public static void busy(RoutingContext ctx, String reason) {
        if (!ctx.response().ended()) {
            ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        send(ctx, 503, reason);
    }

    public static void send(RoutingContext ctx, int status, String reason) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(reason);
    }

    /** For {@code router.route(path).failureHandler(...)}: body too large, or anything unexpected. */
    public static void onFailure(RoutingContext ctx, long bodyLimit) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status == 413) {
            send(ctx, 413, "request body larger than " + bodyLimit + " bytes");
        } else if (status >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            send(ctx, 500, "internal error");
        } else {
            send(ctx, status, "bad request");
        }
    }
}
