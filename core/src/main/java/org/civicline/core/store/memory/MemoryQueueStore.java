package org.civicline.core.store.memory;

import static io.vertx.core.Future.succeededFuture;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.store.FencedOffException;
import org.civicline.core.store.QueueStore;

/** Waiting entries in memory. */
public final class MemoryQueueStore implements QueueStore {
    private final Map<String, QueueEntry> entries = new ConcurrentHashMap<>();
    /** In the order finished (the router finishes in time order), so the oldest are forgotten from the head. */
    private final LinkedHashMap<String, Instant> finished = new LinkedHashMap<>();
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
    public Future<Void> finish(String contactId, Instant at, long token) {
        synchronized (fences) {
            FencedOffException refused = fences.refusal(FENCED_BY, token, "finishing queue entry " + contactId);
            if (refused != null) {
                return Future.failedFuture(refused);
            }
            entries.remove(contactId);
            finished.remove(contactId);
            finished.put(contactId, at);
            Instant forgetBefore = at.minus(FINISHED_KEPT);
            var oldest = finished.values().iterator();
            while (oldest.hasNext() && oldest.next().isBefore(forgetBefore)) {
                oldest.remove();
            }
            return succeededFuture();
        }
    }

    @Override
    public Future<Map<String, Instant>> finishedSince(Instant since) {
        Map<String, Instant> recent = new HashMap<>();
        synchronized (fences) {
            finished.forEach((id, at) -> {
                if (!at.isBefore(since)) {
                    recent.put(id, at);
                }
            });
        }
        return succeededFuture(recent);
    }

    @Override
    public Future<List<QueueEntry>> loadAll() {
        return succeededFuture(List.copyOf(entries.values()));
    }
}
