package org.civicline.core.store.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    // KEYS: fence, queue hash, finished set. ARGV: token, contact id, finish millis, forget-before millis.
    private static final RedisScript FENCED_FINISH = new RedisScript(RedisFenceStore.checkFence(1) + """
            redis.call('HDEL', KEYS[2], ARGV[2])
            redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[4])
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

    @Override
    public Future<Void> finish(String contactId, Instant at, long token) {
        String what = "finishing queue entry " + contactId;
        return bridge.<Long>call(what, () -> FENCED_FINISH.run(redis,
                        new String[] {keys.fence(FENCED_BY), keys.queue(), keys.queueFinished()},
                        String.valueOf(token), contactId, String.valueOf(at.toEpochMilli()),
                        String.valueOf(at.minus(FINISHED_KEPT).toEpochMilli())))
                .<Void>mapEmpty().recover(e -> Future.failedFuture(RedisFenceStore.fencedOff(what, e)));
    }

    @Override
    public Future<Map<String, Instant>> finishedSince(Instant since) {
        return bridge.call("reading finished contacts", () -> redis.zrangebyscoreWithScores(keys.queueFinished(),
                        Range.create((double) since.toEpochMilli(), Double.POSITIVE_INFINITY)))
                .map(found -> {
                    Map<String, Instant> recent = new HashMap<>();
                    found.forEach(v -> recent.put(v.getValue(), Instant.ofEpochMilli((long) v.getScore())));
                    return recent;
                });
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
