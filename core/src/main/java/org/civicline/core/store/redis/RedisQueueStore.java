package org.civicline.core.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.List;
import org.civicline.core.json.Jsons;
import org.civicline.core.routing.QueueEntry;
import org.civicline.core.store.QueueStore;

/** The waiting entries as one hash, contact id → JSON: one command per change, pipelined with the rest. */
final class RedisQueueStore implements QueueStore {
    // KEYS: fence, queue hash. ARGV: token, contact id, json (absent: remove). Refused under a newer token.
    private static final RedisScript FENCED_WRITE = new RedisScript(RedisFenceStore.checkFence(1) + """
            if ARGV[3] then
              redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
            else
              redis.call('HDEL', KEYS[2], ARGV[2])
            end
            return 1
            """, ScriptOutputType.INTEGER);

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
    public Future<Void> save(QueueEntry entry, long token) {
        return fenced("saving queue entry " + entry.contactId(), token, entry.contactId(), Jsons.write(entry));
    }

    @Override
    public Future<Void> remove(String contactId, long token) {
        return fenced("removing queue entry " + contactId, token, contactId);
    }

    private Future<Void> fenced(String what, long token, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = String.valueOf(token);
        System.arraycopy(args, 0, argv, 1, args.length);
        return bridge.<Long>call(what, () -> FENCED_WRITE.run(redis, new String[] {keys.fence(FENCED_BY), keys.queue()},
                argv)).<Void>mapEmpty().recover(e -> Future.failedFuture(
                RedisFenceStore.fencedOff(what, e)));
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
