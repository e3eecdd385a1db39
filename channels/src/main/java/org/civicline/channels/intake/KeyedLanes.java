package org.civicline.channels.intake;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous jobs one after another per key (one sender's messages), so that a retry racing its original on
 * this node sees what the original stored. Safe from any thread: the node serves HTTP on several event loops, and a
 * retry may arrive on another connection than its original; a job queued behind another runs where that one ended.
 */
public final class KeyedLanes {
    private final Map<String, Future<?>> tails = new ConcurrentHashMap<>();

    public <T> Future<T> run(String key, Supplier<Future<T>> job) {
        Promise<T> done = Promise.promise();
        Future<T> mine = done.future();
        // One atomic swap: whoever comes next queues behind this job, whichever thread it is on.
        Future<?> before = tails.put(key, mine);
        Runnable start = () -> {
            Future<T> result;
            try {
                result = job.get();
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            result.onComplete(done);
        };
        if (before == null) {
            start.run();
        } else {
            before.onComplete(ignored -> start.run());
        }
        mine.onComplete(ignored -> tails.remove(key, mine));
        return mine;
    }

    /** Keys with a job queued or running (for tests). */
    int busyKeys() {
        return tails.size();
    }
}
