package org.civicline.core.store.redis;

import org.civicline.core.store.LostRaceException;
import java.util.function.Function;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.Fence;
import org.civicline.core.store.ReferenceStore;

/** Reference documents as one hash per kind, code → JSON. Listed by code, like the memory store. */
final class RedisReferenceStore implements ReferenceStore {
    // KEYS: the kind's hash. ARGV: code, json, code, json … Readers see the old set or the new one, never a mix.
    private static final RedisScript REPLACE_ALL = new RedisScript("""
            redis.call('DEL', KEYS[1])
            for i = 1, #ARGV, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            return 1
            """, ScriptOutputType.INTEGER);

    // KEYS: the kind's hash, the singleton's fence. ARGV: token, code, json, code, json …
    private static final RedisScript FENCED_REPLACE_ALL = new RedisScript(RedisFenceStore.checkFence(2) + """
            redis.call('DEL', KEYS[1])
            for i = 2, #ARGV, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            return 1
            """, ScriptOutputType.INTEGER);
    // KEYS: the kind's hash, the singleton's fence. ARGV: token, code, json.
    private static final RedisScript FENCED_PUT = new RedisScript(RedisFenceStore.checkFence(2) + """
            redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
            return 1
            """, ScriptOutputType.INTEGER);

    // KEYS: the kind's hash. ARGV: code, the JSON as read ('' for none), the JSON to store ('' to remove): written only
    // over exactly what was read.
    private static final RedisScript SWAP = new RedisScript("""
            if (redis.call('HGET', KEYS[1], ARGV[1]) or '') ~= ARGV[2] then return 0 end
            if ARGV[3] == '' then
              redis.call('HDEL', KEYS[1], ARGV[1])
            else
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            end
            return 1
            """, ScriptOutputType.INTEGER);

    private final RedisAsyncCommands<String, String> redis;
    private final ContextBridge bridge;
    private final RedisKeys keys;

    RedisReferenceStore(RedisAsyncCommands<String, String> redis, ContextBridge bridge, RedisKeys keys) {
        this.redis = redis;
        this.bridge = bridge;
        this.keys = keys;
    }

    @Override
    public <T> Future<Void> replaceAll(String kind, Map<String, T> documents) {
        return bridge.<Long>call("replacing reference data " + kind, () -> {
            List<String> args = new ArrayList<>(documents.size() * 2);
            documents.forEach((code, document) -> {
                args.add(code);
                args.add(Jsons.write(document));
            });
            return REPLACE_ALL.run(redis, new String[] {keys.reference(kind)}, args.toArray(String[]::new));
        }).mapEmpty();
    }

    @Override
    public <T> Future<Void> put(String kind, String code, T document) {
        return bridge.<Boolean>call("storing reference " + kind + " " + code,
                () -> redis.hset(keys.reference(kind), code, Jsons.write(document))).mapEmpty();
    }

    @Override
    public Future<Void> remove(String kind, String code) {
        return bridge.<Long>call("removing reference " + kind + " " + code,
                () -> redis.hdel(keys.reference(kind), code)).mapEmpty();
    }

    @Override
    public <T> Future<Void> replaceAll(String kind, Map<String, T> documents, Fence fence) {
        String what = "replacing reference data " + kind;
        return bridge.<Long>call(what, () -> {
            List<String> args = new ArrayList<>(documents.size() * 2 + 1);
            args.add(String.valueOf(fence.token()));
            documents.forEach((code, document) -> {
                args.add(code);
                args.add(Jsons.write(document));
            });
            return FENCED_REPLACE_ALL.run(redis, new String[] {keys.reference(kind), keys.fence(fence.singleton())},
                    args.toArray(String[]::new));
        }).<Void>mapEmpty().recover(e -> Future.failedFuture(RedisFenceStore.fencedOff(what, e)));
    }

    @Override
    public <T> Future<Void> put(String kind, String code, T document, Fence fence) {
        String what = "storing reference " + kind + " " + code;
        return bridge.<Long>call(what, () -> FENCED_PUT.run(redis,
                        new String[] {keys.reference(kind), keys.fence(fence.singleton())},
                        String.valueOf(fence.token()), code, Jsons.write(document)))
                .<Void>mapEmpty().recover(e -> Future.failedFuture(RedisFenceStore.fencedOff(what, e)));
    }

    @Override
    public <T> Future<Optional<T>> get(String kind, String code, Class<T> type) {
        String key = keys.reference(kind);
        return bridge.call("reading reference " + kind + " " + code, () -> redis.hget(key, code))
                .map(json -> Optional.ofNullable(json).map(j -> StoredJson.read(j, type, key + " " + code)));
    }

    @Override
    public <T> Future<T> change(String kind, String code, Class<T> type, Function<Optional<T>, T> change) {
        return change(kind, code, type, change, 1);
    }

    private <T> Future<T> change(String kind, String code, Class<T> type, Function<Optional<T>, T> change,
                                 int attempt) {
        String key = keys.reference(kind);
        return bridge.call("reading reference " + kind + " " + code, () -> redis.hget(key, code)).compose(json -> {
            T after = change.apply(Optional.ofNullable(json).map(j -> StoredJson.read(j, type, key + " " + code)));
            return bridge.<Long>call("changing reference " + kind + " " + code, () -> SWAP.run(redis,
                            new String[] {key}, code, json == null ? "" : json,
                            after == null ? "" : Jsons.write(after)))
                    .compose(swapped -> swapped == 1 ? Future.succeededFuture(after)
                            : attempt < LostRaceException.ATTEMPTS ? change(kind, code, type, change, attempt + 1)
                            : Future.failedFuture(new LostRaceException(kind + " " + code)));
        });
    }

    @Override
    public <T> Future<List<T>> list(String kind, Class<T> type) {
        String key = keys.reference(kind);
        return bridge.call("listing reference " + kind, () -> redis.hgetall(key))
                .map(all -> new TreeMap<>(all).entrySet().stream()
                        .map(e -> StoredJson.read(e.getValue(), type, key + " " + e.getKey()))
                        .toList());
    }
}
