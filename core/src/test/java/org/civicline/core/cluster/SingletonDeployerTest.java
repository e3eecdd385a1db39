package org.civicline.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.civicline.core.store.Fence;
import org.civicline.core.store.FenceStore;
import org.civicline.core.store.memory.MemoryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes that do not share a cluster lock (two plain Vert.x instances, as two sides of a network partition) but
 * share the store: the lease lets only one run the singleton; the other takes over when it leaves, and a leader that
 * learns of a newer token stops.
 */
class SingletonDeployerTest {
    private static final Duration LEASE = Duration.ofMillis(400);
    private final Vertx a = Vertx.vertx();
    private final Vertx b = Vertx.vertx();
    private final FenceStore fences = MemoryStores.create().fences();
    /** Node name → the fence its running singleton was started with. */
    private final Map<String, Fence> running = new ConcurrentHashMap<>();

    @AfterEach
    void close() throws Exception {
        await(a.close());
        await(b.close());
    }

    @Test
    void onlyOneSideRunsTheSingletonAndTheOtherTakesOverWithAHigherTokenWhenItLeaves() throws Exception {
        String onA = await(a.deployVerticle(deployer("node-a")));
        waitUntil(() -> running.containsKey("node-a"));
        await(b.deployVerticle(deployer("node-b")));
        Fence first = running.get("node-a");

        // B holds its own lock and claims again and again over several lease renewals: it never starts.
        long until = System.nanoTime() + LEASE.toNanos() * 3;
        while (System.nanoTime() < until) {
            assertThat(running).containsOnlyKeys("node-a");
            Thread.sleep(20);
        }

        await(a.undeploy(onA));
        waitUntil(() -> running.containsKey("node-b"));
        assertThat(running).containsOnlyKeys("node-b");
        assertThat(running.get("node-b").token()).isGreaterThan(first.token());
    }

    @Test
    void aLeaderWhoseLeaseWasTakenStopsAtItsNextRenewal() throws Exception {
        await(a.deployVerticle(deployer("node-a")));
        waitUntil(() -> running.containsKey("node-a"));
        Fence old = running.get("node-a");

        // As after a long pause: the lease ran out and another holder claimed it.
        await(fences.release(old));
        Fence newer = await(fences.claim("test-singleton", "node-x", Duration.ofMinutes(1))).orElseThrow();

        waitUntil(() -> !running.containsKey("node-a"));
        assertThat(newer.token()).isGreaterThan(old.token());
    }

    @Test
    void aRefusedFencedWriteStopsTheLeaderAtOnce() throws Exception {
        await(a.deployVerticle(new SingletonDeployer("test-singleton", fences, "node-a",
                fence -> new Recorded("node-a", fence), Duration.ofMinutes(1))));
        waitUntil(() -> running.containsKey("node-a"));

        SingletonDeployer.deposed(a, running.get("node-a"));

        waitUntil(() -> !running.containsKey("node-a"));
    }

    private SingletonDeployer deployer(String node) {
        return new SingletonDeployer("test-singleton", fences, node, fence -> new Recorded(node, fence), LEASE);
    }

    /** The singleton: notes while it runs. */
    private final class Recorded extends AbstractVerticle {
        private final String node;
        private final Fence fence;

        Recorded(String node, Fence fence) {
            this.node = node;
            this.fence = fence;
        }

        @Override
        public void start() {
            assertThat(running.putIfAbsent(node, fence)).isNull();
        }

        @Override
        public void stop() {
            running.remove(node, fence);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 15 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
