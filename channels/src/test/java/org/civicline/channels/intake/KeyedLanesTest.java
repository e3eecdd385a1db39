package org.civicline.channels.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One key's jobs never overlap, whichever threads queue them and finish them; other keys do not wait. */
class KeyedLanesTest {

    @Test
    void jobsOfOneKeyQueuedFromSeveralThreadsRunOneAtATime() throws Exception {
        KeyedLanes lanes = new KeyedLanes();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        int threads = 4;
        int perThread = 500;
        ExecutorService finishers = Executors.newFixedThreadPool(3);
        ExecutorService submitters = Executors.newFixedThreadPool(threads);
        CountDownLatch allDone = new CountDownLatch(threads * perThread);
        try {
            for (int t = 0; t < threads; t++) {
                submitters.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        lanes.run("sender", () -> {
                            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                            Promise<Void> p = Promise.promise();
                            // Finished on another thread, as a store's answer would be.
                            finishers.submit(() -> {
                                running.decrementAndGet();
                                finished.incrementAndGet();
                                p.complete();
                            });
                            return p.future();
                        }).onComplete(ignored -> allDone.countDown());
                    }
                });
            }
            boolean done = allDone.await(30, TimeUnit.SECONDS);
            // Says where a lane stopped if one ever does (seen once in a full build, never reproduced since).
            assertThat(done).as("all jobs done: %d of %d done, %d finished, %d running, %d keys busy",
                    threads * perThread - allDone.getCount(), threads * perThread, finished.get(), running.get(),
                    lanes.busyKeys()).isTrue();
        } finally {
            submitters.shutdownNow();
            finishers.shutdownNow();
        }
        assertThat(finished.get()).isEqualTo(threads * perThread);
        assertThat(mostAtOnce.get()).as("jobs of one key running at once").isEqualTo(1);
        assertThat(lanes.busyKeys()).isZero();
    }

    @Test
    void aJobOfAnotherKeyDoesNotWait() {
        KeyedLanes lanes = new KeyedLanes();
        Promise<Void> first = Promise.promise();
        List<String> ran = new ArrayList<>();
        lanes.run("a", () -> first.future());
        lanes.run("a", () -> {
            ran.add("a2");
            return Future.succeededFuture();
        });
        lanes.run("b", () -> {
            ran.add("b1");
            return Future.succeededFuture();
        });
        assertThat(ran).containsExactly("b1");
        first.complete();
        assertThat(ran).containsExactly("b1", "a2");
        assertThat(lanes.busyKeys()).isZero();
    }

    @Test
    void aJobThatThrowsFailsItsOwnFutureAndTheNextRuns() {
        KeyedLanes lanes = new KeyedLanes();
        Future<Object> failed = lanes.run("k", () -> {
            throw new IllegalStateException("broken");
        });
        Future<String> next = lanes.run("k", () -> Future.succeededFuture("ok"));
        assertThat(failed.failed()).isTrue();
        assertThat(failed.cause()).hasMessage("broken");
        assertThat(next.result()).isEqualTo("ok");
    }
}
