package org.civicline.core.store;

import io.vertx.core.Future;
import java.util.List;
import org.civicline.core.routing.QueueEntry;

/** The one queue's waiting contacts, written through by the router so that nothing waiting is lost. */
public interface QueueStore {
    /**
     * The singleton whose fencing token ({@link FenceStore}) guards the fenced writes: a deposed router's late write
     * cannot undo the new router's queue.
     */
    String FENCED_BY = "router";

    /** Stores or replaces the entry of {@code entry.contactId()}. */
    Future<Void> save(QueueEntry entry);

    Future<Void> remove(String contactId);

    /** Every waiting entry, in no particular order. */
    Future<List<QueueEntry>> loadAll();

    /** {@link #save} that fails with {@link FencedOffException} when a newer leader's token is in force. */
    Future<Void> save(QueueEntry entry, long token);

    /** {@link #remove} that fails with {@link FencedOffException} when a newer leader's token is in force. */
    Future<Void> remove(String contactId, long token);
}
