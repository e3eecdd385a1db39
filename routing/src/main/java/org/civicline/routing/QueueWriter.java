package org.civicline.routing;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.store.FencedOffException;
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
    /** The writes made while a reconciliation reads the store, or null when none is reading. */
    private Snapshot duringSnapshot;

    private final long fence;
    private final Runnable fencedOff;
    /** Published once this call's writes are stored, never if they were refused. */
    private List<Runnable> afterStored = new ArrayList<>();

    /** {@code fencedOff}: called when the store refuses a write because a newer router leads. */
    QueueWriter(QueueStore store, long fence, Runnable fencedOff) {
        this.store = store;
        this.fence = fence;
        this.fencedOff = fencedOff;
    }

    /**
     * Runs {@code publication} once the writes of the current router call are stored: an assignment goes out only when
     * the store took it, so a deposed router (whose writes are refused) never hands a contact to a second agent.
     */
    void whenStored(Runnable publication) {
        afterStored.add(publication);
    }

    @Override
    public void entrySaved(QueueEntry entry) {
        if (duringSnapshot != null) {
            duringSnapshot.saved().add(entry.contactId());
        }
        pending.add(store.save(entry, fence).onFailure(e -> LOG.error("queue entry {} not stored: {}", entry.contactId(),
                e.getMessage())));
    }

    @Override
    public void entryRemoved(String contactId) {
        removal(contactId, store.remove(contactId, fence));
    }

    @Override
    public void entryFinished(String contactId, Instant at) {
        removal(contactId, store.finish(contactId, at, fence));
    }

    private void removal(String contactId, Future<Void> write) {
        if (duringSnapshot != null) {
            duringSnapshot.removed().add(contactId);
        }
        pending.add(write.onFailure(e -> LOG.warn("queue entry {} not removed: {}", contactId, e.getMessage())));
    }

    @Override
    public void finishedAsked(String contactId, Instant finishedAt) {
        LOG.info("contact {} was asked to be queued again after its agent finished it at {}: not queued", contactId,
                finishedAt);
    }

    /**
     * What was written while a snapshot of the store was read: removals (the snapshot may still show them) and saves
     * (the snapshot may or may not show the new entry).
     */
    record Snapshot(Set<String> removed, Set<String> saved) {
    }

    /** Starts noting writes, for a store snapshot about to be read. */
    void snapshotStarts() {
        duringSnapshot = new Snapshot(new HashSet<>(), new HashSet<>());
    }

    /** The writes since {@link #snapshotStarts()}; stops noting. */
    Snapshot snapshotEnds() {
        Snapshot written = duringSnapshot == null ? new Snapshot(Set.of(), Set.of()) : duringSnapshot;
        duringSnapshot = null;
        return written;
    }

    /** Completes when every write since the last call is stored; fails if one of them failed. */
    Future<Void> flushed() {
        List<Future<Void>> writes = pending;
        List<Runnable> publications = afterStored;
        pending = new ArrayList<>();
        afterStored = new ArrayList<>();
        Future<Void> stored = writes.isEmpty() ? Future.succeededFuture() : Future.all(writes).mapEmpty();
        return stored.andThen(done -> {
            if (done.succeeded()) {
                publications.forEach(Runnable::run);
            } else if (writes.stream().anyMatch(w -> w.cause() instanceof FencedOffException)) {
                LOG.warn("a newer router leads: {} decisions not published", publications.size());
                fencedOff.run();
            }
        });
    }
}
