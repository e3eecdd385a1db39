package org.civicline.core.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Due timers shared by every node. Claiming is atomic: a due timer is handed to exactly one caller, on whichever
 * node asks first, so a reminder fires once per cluster. A claim is a lease: the timer stays in the store, due again
 * when the lease ends, until the claimer says it is {@link #done}; a node that dies while firing leaves it to the
 * next. Timers outlive restarts with the store.
 */
public interface TimerStore {

    /** Stores the timer, replacing one with the same id (and its due time). */
    Future<Void> schedule(DueTimer timer);

    Future<Void> cancel(String id);

    /**
     * Claims up to {@code limit} timers due at or before {@code now}, earliest first: each becomes due again at
     * {@code now + lease}, which is the due time of the timers returned.
     */
    Future<List<DueTimer>> claimDue(Instant now, Duration lease, int limit);

    /** Removes a claimed timer, unless it was scheduled anew since the claim (its due time is no longer the lease's). */
    Future<Void> done(DueTimer claimed);

    /** When the earliest timer is due, if there is one. */
    Future<Optional<Instant>> nextDue();
}
