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
    private long fence;

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
    public synchronized Future<Long> nextFence() {
        return succeededFuture(++fence);
    }

    @Override
    public synchronized Future<Void> save(QueueEntry entry, long token) {
        return token < fence ? fenced(token) : save(entry);
    }

    @Override
    public synchronized Future<Void> remove(String contactId, long token) {
        return token < fence ? fenced(token) : remove(contactId);
    }

    private Future<Void> fenced(long token) {
        return Future.failedFuture(new FencedOffException("queue write with fencing token " + token
                + " refused: token " + fence + " is in force"));
    }

    @Override
    public Future<List<QueueEntry>> loadAll() {
        return succeededFuture(List.copyOf(entries.values()));
    }
}
