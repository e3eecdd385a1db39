package org.civicline.server.load;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** A contact that was not acknowledged, with the kind of error the report counts it under ({@code http 503}). */
final class LoadFailure extends RuntimeException {
    final String kind;

    LoadFailure(String kind, String detail) {
        super(kind + (detail == null || detail.isBlank() ? "" : ": " + detail), null, false, false);
        this.kind = kind;
    }

    /** The report's name for whatever went wrong. */
    static String kindOf(Throwable failure) {
        if (failure instanceof LoadFailure f) {
            return f.kind;
        }
        if (failure instanceof TimeoutException || failure instanceof ConnectTimeoutException
                || failure instanceof io.vertx.core.http.StreamResetException
                || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout")) {
            return "timeout";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof io.vertx.core.VertxException && String.valueOf(failure.getMessage()).contains("closed")) {
            return "connection closed";
        }
        return failure.getClass().getSimpleName();
    }
}
