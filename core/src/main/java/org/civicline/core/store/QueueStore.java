package org.civicline.core.store;

import io.vertx.core.Future;
import java.util.List;
import org.civicline.core.routing.QueueEntry;

/** The one queue's waiting contacts, written through by the router so that nothing waiting is lost. */
public interface QueueStore {

    /** Stores or replaces the entry of {@code entry.contactId()}. */
    Future<Void> save(QueueEntry entry);

    Future<Void> remove(String contactId);

    /** Every waiting entry, in no particular order. */
    Future<List<QueueEntry>> loadAll();

    /**
     * Issues the next fencing token to a new router leader: from now on writes made with a lower token are refused,
     * so a deposed leader's late write cannot undo the new leader's queue. Tokens only rise, across restarts too.
     */
    Future<Long> nextFence();

    /** {@link #save} that fails with {@link FencedOffException} when a newer leader's token is in force. */
    Future<Void> save(QueueEntry entry, long token);

    /** {@link #remove} that fails with {@link FencedOffException} when a newer leader's token is in force. */
    Future<Void> remove(String contactId, long token);
}
