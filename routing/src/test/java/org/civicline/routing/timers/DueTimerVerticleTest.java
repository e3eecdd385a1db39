package org.civicline.routing.timers;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.TimerStore;
import org.civicline.core.store.memory.MemoryTimerStore;
import org.civicline.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DueTimerVerticleTest {
    private static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    private final Vertx vertx = Vertx.vertx();
    private final ManualClock clock = new ManualClock(T0, ZoneId.of("Asia/Shanghai"));
    private final TimerStore store = new MemoryTimerStore();

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void timersFireWhenDueInOrderAndOnlyOnce() throws Exception {
        List<String> fired = new CopyOnWriteArrayList<>();
        await(store.schedule(timer("b", T0.plusSeconds(20))));
        await(store.schedule(timer("a", T0.plusSeconds(10))));
        await(store.schedule(timer("later", T0.plusSeconds(3600))));
        deploy(t -> {
            fired.add(t.id());
            return Future.succeededFuture();
        });

        assertThat(runDue()).isZero();
        clock.set(T0.plusSeconds(30));
        assertThat(runDue()).isEqualTo(2);
        assertThat(runDue()).isZero();

        assertThat(fired).containsExactly("a", "b");
        assertThat(await(store.nextDue())).contains(T0.plusSeconds(3600));
    }

    @Test
    void aTimerWhoseActionFailedFiresAgainWhenItsLeaseEnds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        await(store.schedule(timer("a", T0)));
        deploy(t -> attempts.incrementAndGet() == 1 ? Future.failedFuture(new IllegalStateException("Redis down"))
                : Future.succeededFuture());
        runDue();

        clock.set(T0.plus(DueTimerVerticle.LEASE).minusSeconds(1));
        runDue();
        assertThat(attempts).hasValue(1);
        clock.set(T0.plus(DueTimerVerticle.LEASE));
        runDue();

        assertThat(attempts).hasValue(2);
        assertThat(await(store.nextDue())).isEmpty();
    }

    private void deploy(java.util.function.Function<DueTimer, Future<Void>> action) throws Exception {
        await(vertx.deployVerticle(new DueTimerVerticle(store, clock, Map.of("REMINDER", action))));
    }

    private int runDue() throws Exception {
        return await(vertx.eventBus().<Integer>request(DueTimerVerticle.RUN_DUE, "")).body();
    }

    private static DueTimer timer(String id, Instant due) {
        return new DueTimer(id, "20261120-0001", "REMINDER", due, due);
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
