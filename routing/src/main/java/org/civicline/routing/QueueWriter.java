package org.civicline.routing;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.store.QueueStore;
import org.civicline.routing.engine.RoutingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every queue change through to the store, and collects the writes of one router call so the caller can
 * answer only once they are stored.
 */
final class QueueWriter implements RoutingListener {
    private static final Logger LOG = LoggerFactory.getLogger(QueueWriter.class);
    private final QueueStore store;
    private List<Future<Void>> pending = new ArrayList<>();
    /** Ids removed while a reconciliation reads the store: its snapshot may still show them. */
    private java.util.Set<String> removedDuringSnapshot;

    private final long fence;

    QueueWriter(QueueStore store, long fence) {
        this.store = store;
        this.fence = fence;
    }

    @Override
    public void entrySaved(QueueEntry entry) {
        pending.add(store.save(entry, fence).onFailure(e -> LOG.error("queue entry {} not stored: {}", entry.contactId(),
                e.getMessage())));
    }

    @Override
    public void entryRemoved(String contactId) {
        if (removedDuringSnapshot != null) {
            removedDuringSnapshot.add(contactId);
        }
        pending.add(store.remove(contactId, fence).onFailure(e -> LOG.warn("queue entry {} not removed: {}", contactId,
                e.getMessage())));
    }

    /** Starts noting removals, for a store snapshot about to be read. */
    void snapshotStarts() {
        removedDuringSnapshot = new java.util.HashSet<>();
    }

    /** The removals since {@link #snapshotStarts()}; stops noting. */
    java.util.Set<String> snapshotEnds() {
        java.util.Set<String> removed = removedDuringSnapshot == null ? java.util.Set.of() : removedDuringSnapshot;
        removedDuringSnapshot = null;
        return removed;
    }

    /** Completes when every write since the last call is stored; fails if one of them failed. */
    Future<Void> flushed() {
        List<Future<Void>> writes = pending;
        pending = new ArrayList<>();
        return writes.isEmpty() ? Future.succeededFuture() : Future.all(writes).mapEmpty();
    }
}
