package org.civicline.routing.timers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.civicline.core.cases.deadlines.TimerKind;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.Stores;
import org.civicline.core.store.redis.RedisStores;
import org.civicline.core.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one Redis, as {@code CasesModule} wires them: the due timers run as a cluster singleton, with the
 * store's per-timer claim behind it. The nodes share no cluster lock (two plain Vert.x instances), so only the lease
 * keeps the timers on one node. A case's timers must fire one after another — a reminder and a supervision note of
 * the same case both append to its log, and the second of two concurrent appends fails on the log version and waits
 * out the claim's two minutes. When every node fired timers (before), a burst of due timers was split between the
 * nodes and timers of one case ran at the same time on both.
 */
class DueTimersAcrossNodesTest {
    private static final int CASES = 6;
    private static final int TIMERS_PER_CASE = 10;

    private final String prefix = "timers-" + UUID.randomUUID() + ":";
    private final List<Vertx> nodes = new ArrayList<>();
    private final List<Stores> stores = new ArrayList<>();
    /** What each firing did: the timer, the node, when it started and ended (nanoTime). */
    private final List<Firing> firings = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CountDownLatch allFired = new java.util.concurrent.CountDownLatch(
            CASES * TIMERS_PER_CASE);

    private record Firing(String timer, String caseNumber, String node, long start, long end) {
        boolean overlaps(Firing other) {
            return start < other.end && other.start < end;
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Vertx node : nodes) {
            await(node.close());
        }
        for (Stores s : stores) {
            s.close();
        }
    }

    @Test
    void aBurstOfDueTimersFiresOnceEachOnOneNodeAndACasesTimersNeverAtTheSameTime() throws Exception {
        Stores first = start("node-a");
        start("node-b");
        Instant due = Instant.now().minusSeconds(1);
        for (int c = 0; c < CASES; c++) {
            for (int t = 0; t < TIMERS_PER_CASE; t++) {
                await(first.timers().schedule(new DueTimer("timer-" + t + "-case-" + c, "case-" + c, "REMINDER", due,
                        due)));
            }
        }
        // What planning a case's timers does: every node that listens hears it.
        nodes.forEach(node -> node.eventBus().publish(TimerKind.WAKE, ""));

        // Every firing counts down: wait for the last one (20 s at most), not in steps.
        allFired.await(20, TimeUnit.SECONDS);
        assertThat(firings).extracting(Firing::timer).hasSize(CASES * TIMERS_PER_CASE).doesNotHaveDuplicates();
        assertThat(firings).extracting(Firing::node).containsOnly(firings.get(0).node());
        List<String> concurrent = new ArrayList<>();
        for (Firing one : firings) {
            for (Firing other : firings) {
                if (one != other && one.caseNumber().equals(other.caseNumber()) && one.overlaps(other)) {
                    concurrent.add(one.timer() + " with " + other.timer());
                }
            }
        }
        assertThat(concurrent).as("timers of one case fired at the same time").isEmpty();
        // The last action has finished, but its node marks the timer done in the store just after: a run asked of
        // the firing node now queues behind that one, so when it answers every timer is done.
        Vertx firingNode = nodes.get(firings.get(0).node().equals("node-a") ? 0 : 1);
        assertThat(await(firingNode.eventBus().<Integer>request(DueTimerVerticle.RUN_DUE, "")).body()).isZero();
        assertThat(await(first.timers().nextDue())).isEmpty();
    }

    private Stores start(String name) throws Exception {
        Vertx vertx = Vertx.vertx();
        nodes.add(vertx);
        Stores node = RedisStores.create(RedisTestServer.uri(), prefix, vertx);
        stores.add(node);
        await(vertx.deployVerticle(new SingletonDeployer(DueTimerVerticle.SINGLETON, node.fences(), name,
                fence -> new DueTimerVerticle(node.timers(), Clock.systemUTC(),
                        Map.of("REMINDER", timer -> appendTakingAWhile(vertx, name, timer))))));
        return node;
    }

    /** Stands in for a case-log append: a few milliseconds of store work. */
    private Future<Void> appendTakingAWhile(Vertx vertx, String node, DueTimer timer) {
        long start = System.nanoTime();
        Promise<Void> done = Promise.promise();
        vertx.setTimer(5, id -> {
            firings.add(new Firing(timer.id(), timer.caseNumber(), node, start, System.nanoTime()));
            allFired.countDown();
            done.complete();
        });
        return done.future();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
