package org.civicline.core.store.memory;

import static io.vertx.core.Future.succeededFuture;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.TimerStore;

/** Due timers in memory; every method is serialised, which makes claiming atomic within this JVM. */
public final class MemoryTimerStore implements TimerStore {
    private static final Comparator<DueTimer> EARLIEST = Comparator.comparing(DueTimer::dueAt).thenComparing(DueTimer::id);
    private final Map<String, DueTimer> timers = new HashMap<>();

    @Override
    public synchronized Future<Void> schedule(DueTimer timer) {
        timers.put(timer.id(), timer);
        return succeededFuture();
    }

    @Override
    public synchronized Future<Void> cancel(String id) {
        timers.remove(id);
        return succeededFuture();
    }

    @Override
    public synchronized Future<List<DueTimer>> claimDue(Instant now, Duration lease, int limit) {
        Instant until = now.plus(lease);
        List<DueTimer> claimed = new ArrayList<>();
        timers.values().stream().filter(t -> !t.dueAt().isAfter(now)).sorted(EARLIEST).limit(Math.max(0, limit))
                .toList().forEach(t -> {
                    DueTimer leased = new DueTimer(t.id(), t.caseNumber(), t.kind(), until, t.anchor());
                    timers.put(t.id(), leased);
                    claimed.add(leased);
                });
        return succeededFuture(claimed);
    }

    @Override
    public synchronized Future<Void> done(DueTimer claimed) {
        DueTimer current = timers.get(claimed.id());
        if (current != null && current.dueAt().equals(claimed.dueAt())) {
            timers.remove(claimed.id());
        }
        return succeededFuture();
    }

    @Override
    public synchronized Future<Optional<Instant>> nextDue() {
        return succeededFuture(timers.values().stream().min(EARLIEST).map(DueTimer::dueAt));
    }
}
