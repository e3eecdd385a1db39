package org.civicline.core.store.memory;

import static io.vertx.core.Future.succeededFuture;

import org.civicline.core.store.LostRaceException;
import java.util.function.Function;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.Fence;
import org.civicline.core.store.FencedOffException;
import org.civicline.core.store.ReferenceStore;

/**
 * Reference documents in memory, kept as JSON trees so that a caller's later change to its object does not change
 * the store, and so that reading back behaves exactly as with Redis.
 */
public final class MemoryReferenceStore implements ReferenceStore {
    private final Map<String, Map<String, String>> byKind = new ConcurrentHashMap<>();
    private final MemoryFenceStore fences;

    MemoryReferenceStore(MemoryFenceStore fences) {
        this.fences = fences;
    }

    @Override
    public <T> Future<Void> replaceAll(String kind, Map<String, T> documents) {
        Map<String, String> fresh = new ConcurrentSkipListMap<>();
        documents.forEach((code, doc) -> fresh.put(code, Jsons.write(doc)));
        byKind.put(kind, fresh);
        return succeededFuture();
    }

    @Override
    public <T> Future<Void> put(String kind, String code, T document) {
        byKind.computeIfAbsent(kind, k -> new ConcurrentSkipListMap<>()).put(code, Jsons.write(document));
        return succeededFuture();
    }

    @Override
    public Future<Void> remove(String kind, String code) {
        Map<String, String> documents = byKind.get(kind);
        if (documents != null) {
            documents.remove(code);
        }
        return succeededFuture();
    }

    @Override
    public <T> Future<Void> replaceAll(String kind, Map<String, T> documents, Fence fence) {
        synchronized (fences) {
            FencedOffException refused = fences.refusal(fence.singleton(), fence.token(), "replacing " + kind);
            return refused != null ? Future.failedFuture(refused) : replaceAll(kind, documents);
        }
    }

    @Override
    public <T> Future<Void> put(String kind, String code, T document, Fence fence) {
        synchronized (fences) {
            FencedOffException refused = fences.refusal(fence.singleton(), fence.token(),
                    "storing " + kind + " " + code);
            return refused != null ? Future.failedFuture(refused) : put(kind, code, document);
        }
    }

    @Override
    public <T> Future<Optional<T>> get(String kind, String code, Class<T> type) {
        String json = byKind.getOrDefault(kind, Map.of()).get(code);
        return succeededFuture(Optional.ofNullable(json).map(j -> Jsons.read(j, type)));
    }

    @Override
    public <T> Future<T> change(String kind, String code, Class<T> type, Function<Optional<T>, T> change) {
        Map<String, String> documents = byKind.computeIfAbsent(kind, k -> new ConcurrentSkipListMap<>());
        for (int attempt = 0; attempt < LostRaceException.ATTEMPTS; attempt++) {
            String before = documents.get(code);
            T after = change.apply(Optional.ofNullable(before).map(j -> Jsons.read(j, type)));
            String json = after == null ? null : Jsons.write(after);
            boolean swapped = before == null ? json == null || documents.putIfAbsent(code, json) == null
                    : json == null ? documents.remove(code, before) : documents.replace(code, before, json);
            if (swapped) {
                return succeededFuture(after);
            }
        }
        return Future.failedFuture(new LostRaceException(kind + " " + code));
    }

    @Override
    public <T> Future<List<T>> list(String kind, Class<T> type) {
        return succeededFuture(byKind.getOrDefault(kind, Map.of()).values().stream()
                .map(j -> Jsons.read(j, type)).toList());
    }

}
