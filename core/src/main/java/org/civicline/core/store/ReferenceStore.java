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

    /** Removes the document of {@code kind} with {@code code}; nothing happens when there is none. */
    Future<Void> remove(String kind, String code);

    /**
     * {@link #replaceAll} by a singleton leader (grid dispatch, alarm desk): fails with {@link FencedOffException} when
     * a newer leader's token is in force, so a deposed leader's late snapshot cannot undo the new leader's.
     */
    <T> Future<Void> replaceAll(String kind, Map<String, T> documents, Fence fence);

    /** {@link #put} by a singleton leader, refused like {@link #replaceAll(String, Map, Fence)}. */
    <T> Future<Void> put(String kind, String code, T document, Fence fence);

    <T> Future<Optional<T>> get(String kind, String code, Class<T> type);

    <T> Future<List<T>> list(String kind, Class<T> type);
}
