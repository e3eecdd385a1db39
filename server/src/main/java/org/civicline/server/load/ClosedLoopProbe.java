package org.civicline.server.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * How many requests per second an endpoint answers when {@code concurrency} clients each send the next request as
 * soon as the last is answered. The first {@code warmupSeconds} are not counted: a fresh endpoint's JIT needs several
 * seconds on two cores (the bare endpoint went from ~8,000 to ~50,000 req/s over its first ten).
 */
final class ClosedLoopProbe {
    /** Completed (successful) requests per second, and how many failed. */
    record Result(double perSecond, long succeeded, long failed) {
    }

    private ClosedLoopProbe() {
    }

    static Future<Result> run(List<Context> lanes, int concurrency, int warmupSeconds, int seconds,
                              LongFunction<Future<?>> request, String label, ProgressPrinter progress) {
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        LongAdder succeeded = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder counted = new LongAdder();
        AtomicBoolean stopped = new AtomicBoolean();
        Promise<Result> done = Promise.promise();
        LongAdder open = new LongAdder();
        long[] sequence = {0};
        Object lock = new Object();
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> {
            if (System.nanoTime() >= end) {
                open.decrement();
                if (open.sum() == 0 && stopped.compareAndSet(false, true)) {
                    double measured = (Math.max(System.nanoTime(), end) - measureFrom) / 1e9;
                    done.complete(new Result(counted.sum() / Math.max(1e-9, Math.min(measured, seconds)),
                            succeeded.sum(), failed.sum()));
                }
                return;
            }
            long n;
            synchronized (lock) {
                n = ++sequence[0];
            }
            request.apply(n).onComplete(ar -> {
                if (ar.succeeded()) {
                    succeeded.increment();
                    long now = System.nanoTime();
                    if (now >= measureFrom && now < end) {
                        counted.increment();
                    }
                } else {
                    failed.increment();
                }
                loop[0].run();
            });
        };
        progress.follow(label, succeeded, failed);
        for (int i = 0; i < concurrency; i++) {
            open.increment();
            lanes.get(i % lanes.size()).runOnContext(v -> loop[0].run());
        }
        return done.future().onComplete(ignored -> progress.stop());
    }
}
