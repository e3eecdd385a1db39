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
}
