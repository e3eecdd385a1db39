package org.civicline.core.store.redis;

import java.io.UncheckedIOException;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.StoreException;

/** Reads what Redis holds through the one mapper; unreadable data is a store failure, not the caller's mistake. */
final class StoredJson {
    private StoredJson() {
    }

    static <T> T read(String json, Class<T> type, String key) {
        try {
            return Jsons.read(json, type);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new StoreException("corrupt " + type.getSimpleName() + " in Redis at " + key + ": " + e.getMessage(), e);
        }
    }
}
