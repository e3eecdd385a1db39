package org.civicline.channels.intake;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous jobs one after another per key (one sender's messages), so that a retry racing its original on
 * this node sees what the original stored. Used from one event loop only.
 */
public final class KeyedLanes {
    private final Map<String, Future<?>> tails = new HashMap<>();

    public <T> Future<T> run(String key, Supplier<Future<T>> job) {
        Future<?> before = tails.getOrDefault(key, Future.succeededFuture());
        Promise<T> done = Promise.promise();
        Future<T> mine = done.future();
        tails.put(key, mine);
        before.onComplete(ignored -> {
            Future<T> result;
            try {
                result = job.get();
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            result.onComplete(done);
        });
        mine.onComplete(ignored -> tails.remove(key, mine));
        return mine;
    }
}
