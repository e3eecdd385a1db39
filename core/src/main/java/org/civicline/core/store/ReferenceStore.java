package org.civicline.core.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * Stores what {@code change} makes of the document {@code code} of {@code kind} (given empty when there is none),
     * applied to the document as stored when the change is written: when another writer stored it in between, it is
     * read and changed again, up to {@link LostRaceException#ATTEMPTS} times. Returns the document stored; when
     * {@code change} returns null the document is removed (or, absent, not created) and null comes back.
     */
    <T> Future<T> change(String kind, String code, Class<T> type, Function<Optional<T>, T> change);

    <T> Future<List<T>> list(String kind, Class<T> type);
}
