package org.civicline.core.store.memory;

import static io.vertx.core.Future.succeededFuture;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.store.FencedOffException;
import org.civicline.core.store.QueueStore;

/** Waiting entries in memory. */
public final class MemoryQueueStore implements QueueStore {
    private final Map<String, QueueEntry> entries = new ConcurrentHashMap<>();
    private final MemoryFenceStore fences;

    MemoryQueueStore(MemoryFenceStore fences) {
        this.fences = fences;
    }

    @Override
    public Future<Void> save(QueueEntry entry) {
        entries.put(entry.contactId(), entry);
        return succeededFuture();
    }

    @Override
    public Future<Void> remove(String contactId) {
        entries.remove(contactId);
        return succeededFuture();
    }

    @Override
    public Future<Void> save(QueueEntry entry, long token) {
        synchronized (fences) {
            FencedOffException refused = fences.refusal(FENCED_BY, token, "saving queue entry " + entry.contactId());
            return refused != null ? Future.failedFuture(refused) : save(entry);
        }
    }

    @Override
    public Future<Void> remove(String contactId, long token) {
        synchronized (fences) {
            FencedOffException refused = fences.refusal(FENCED_BY, token, "removing queue entry " + contactId);
            return refused != null ? Future.failedFuture(refused) : remove(contactId);
        }
    }

    @Override
    public Future<List<QueueEntry>> loadAll() {
        return succeededFuture(List.copyOf(entries.values()));
    }
}
