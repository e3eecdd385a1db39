package org.civicline.core.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civicline.core.routing.QueueEntry;

/** The one queue's waiting contacts, written through by the router so that nothing waiting is lost. */
public interface QueueStore {
    /**
     * The singleton whose fencing token ({@link FenceStore}) guards the fenced writes: a deposed router's late write
     * cannot undo the new router's queue.
     */
    String FENCED_BY = "router";

    /**
     * How long a finished contact is remembered. A request to queue a contact can arrive after an agent finished it:
     * a router that queued it died before answering, the channel left it for the next router, and that one restored it
     * from the store, offered it and saw it finished first. Such a late request is minutes late at most (channels keep
     * asking for a minute; the next router takes left contacts within seconds).
     */
    Duration FINISHED_KEPT = Duration.ofMinutes(5);

    /** Stores or replaces the entry of {@code entry.contactId()}. */
    Future<Void> save(QueueEntry entry);

    Future<Void> remove(String contactId);

    /** Every waiting entry, in no particular order. */
    Future<List<QueueEntry>> loadAll();

    /** {@link #save} that fails with {@link FencedOffException} when a newer leader's token is in force. */
    Future<Void> save(QueueEntry entry, long token);

    /** {@link #remove} that fails with {@link FencedOffException} when a newer leader's token is in force. */
    Future<Void> remove(String contactId, long token);

    /**
     * {@link #remove(String, long)} for a contact an agent finished, remembering it as finished at {@code at} for
     * {@link #FINISHED_KEPT}; what was finished longer ago is forgotten on the way.
     */
    Future<Void> finish(String contactId, Instant at, long token);

    /** The contacts finished at or after {@code since}, with when. */
    Future<Map<String, Instant>> finishedSince(Instant since);
}
