package org.civicline.core.store.memory;

import static io.vertx.core.Future.succeededFuture;

import io.vertx.core.Future;
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
    public synchronized Future<List<DueTimer>> claimDue(Instant now, int limit) {
        List<DueTimer> due = timers.values().stream().filter(t -> !t.dueAt().isAfter(now)).sorted(EARLIEST)
                .limit(Math.max(0, limit)).toList();
        due.forEach(t -> timers.remove(t.id()));
        return succeededFuture(new ArrayList<>(due));
    }

    @Override
    public synchronized Future<Optional<Instant>> nextDue() {
        return succeededFuture(timers.values().stream().min(EARLIEST).map(DueTimer::dueAt));
    }
}
