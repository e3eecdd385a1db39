package org.civicline.core.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reference data shared by every node: categories, grids, departments, devices. Documents are grouped by kind
 * ("category", "grid" …) and keyed by their code.
 */
public interface ReferenceStore {

    /** Replaces every document of {@code kind} with {@code documents}. */
    <T> Future<Void> replaceAll(String kind, Map<String, T> documents);

    <T> Future<Void> put(String kind, String code, T document);

    <T> Future<Optional<T>> get(String kind, String code, Class<T> type);

    <T> Future<List<T>> list(String kind, Class<T> type);
}
