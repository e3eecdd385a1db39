package org.civicline.core.store.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.civicline.core.store.StoreException;

/**
 * Turns Lettuce's futures into Vert.x futures completed on the caller's context, so store callers never run on
 * Lettuce's I/O threads; Redis and connection failures become {@link StoreException}s naming what failed.
 */
final class ContextBridge {
    private final Vertx vertx;

    ContextBridge(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Issues the command(s) and bridges the result. {@code command} is called here so that a failure to even issue it
     * (closed connection) arrives as a failed future too.
     */
    <T> Future<T> call(String what, Supplier<? extends CompletionStage<T>> command) {
        Context context = callerContext();
        CompletionStage<T> stage;
        try {
            stage = command.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return Future.fromCompletionStage(stage, context)
                .recover(failure -> Future.failedFuture(translate(what, failure)));
    }

    /** A future on the caller's context for an answer known without asking Redis. */
    <T> Future<T> succeed(T value) {
        return Future.fromCompletionStage(CompletableFuture.completedFuture(value), callerContext());
    }

    /** A failed future on the caller's context, for refusals decided before Redis is asked. */
    <T> Future<T> fail(Throwable failure) {
        return Future.fromCompletionStage(CompletableFuture.<T>failedFuture(failure), callerContext());
    }

    private Context callerContext() {
        Context current = Vertx.currentContext();
        return current != null ? current : vertx.getOrCreateContext();
    }

    static Throwable translate(String what, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof StoreException) {
            return cause;
        }
        String kind = cause instanceof RedisConnectionException ? "Redis is unreachable"
                : cause instanceof RedisCommandTimeoutException ? "Redis did not answer in time"
                : cause instanceof RedisException ? "Redis refused"
                : "failed";
        return new StoreException(what + ": " + kind + ": " + cause.getMessage(), cause);
    }
}
