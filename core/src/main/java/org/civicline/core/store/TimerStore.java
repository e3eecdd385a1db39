package org.civicline.core.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Due timers shared by every node. Claiming is atomic: a due timer is handed to exactly one caller, on whichever
 * node asks first, so a reminder fires once per cluster. Timers outlive restarts with the store.
 */
public interface TimerStore {

    /** Stores the timer, replacing one with the same id (and its due time). */
    Future<Void> schedule(DueTimer timer);

    Future<Void> cancel(String id);

    /** Removes and returns up to {@code limit} timers due at or before {@code now}, earliest first. */
    Future<List<DueTimer>> claimDue(Instant now, int limit);

    /** When the earliest timer is due, if there is one. */
    Future<Optional<Instant>> nextDue();
}
