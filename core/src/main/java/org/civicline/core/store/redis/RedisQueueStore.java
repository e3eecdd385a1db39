package org.civicline.core.store.redis;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.List;
import org.civicline.core.json.Jsons;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.store.QueueStore;

/** The waiting entries as one hash, contact id → JSON: one command per change, pipelined with the rest. */
final class RedisQueueStore implements QueueStore {
    private final RedisAsyncCommands<String, String> redis;
    private final ContextBridge bridge;
    private final RedisKeys keys;

    RedisQueueStore(RedisAsyncCommands<String, String> redis, ContextBridge bridge, RedisKeys keys) {
        this.redis = redis;
        this.bridge = bridge;
        this.keys = keys;
    }

    @Override
    public Future<Void> save(QueueEntry entry) {
        return bridge.<Boolean>call("saving queue entry " + entry.contactId(),
                () -> redis.hset(keys.queue(), entry.contactId(), Jsons.write(entry))).mapEmpty();
    }

    @Override
    public Future<Void> remove(String contactId) {
        return bridge.<Long>call("removing queue entry " + contactId, () -> redis.hdel(keys.queue(), contactId))
                .mapEmpty();
    }

    @Override
    public Future<List<QueueEntry>> loadAll() {
        String key = keys.queue();
        return bridge.call("loading the queue", () -> redis.hgetall(key))
                .map(all -> all.entrySet().stream()
                        .map(e -> StoredJson.read(e.getValue(), QueueEntry.class, key + " " + e.getKey()))
                        .toList());
    }
}
