package org.civicline.core.store.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.TimerStore;

/**
 * Due timers as a sorted set (id scored by due millis) beside a hash of their JSON. Claiming runs as one script:
 * read the due ids, remove them, return them; two nodes claiming at once never get the same timer.
 */
final class RedisTimerStore implements TimerStore {
    // KEYS: set, hash. ARGV: id, due millis, json.
    private static final RedisScript SCHEDULE = new RedisScript("""
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
            return 1
            """, ScriptOutputType.INTEGER);

    // KEYS: set, hash. ARGV: id.
    private static final RedisScript CANCEL = new RedisScript("""
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """, ScriptOutputType.INTEGER);

    // KEYS: set, hash. ARGV: now millis, limit. Returns the claimed timers' JSON, earliest first.
    private static final RedisScript CLAIM = new RedisScript("""
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            local claimed = {}
            for _, id in ipairs(ids) do
              redis.call('ZREM', KEYS[1], id)
              local json = redis.call('HGET', KEYS[2], id)
              redis.call('HDEL', KEYS[2], id)
              if json then table.insert(claimed, json) end
            end
            return claimed
            """, ScriptOutputType.MULTI);

    private final RedisAsyncCommands<String, String> redis;
    private final ContextBridge bridge;
    private final RedisKeys keys;

    RedisTimerStore(RedisAsyncCommands<String, String> redis, ContextBridge bridge, RedisKeys keys) {
        this.redis = redis;
        this.bridge = bridge;
        this.keys = keys;
    }

    @Override
    public Future<Void> schedule(DueTimer timer) {
        return bridge.<Long>call("scheduling timer " + timer.id(), () -> SCHEDULE.run(redis, timerKeys(), timer.id(),
                Long.toString(timer.dueAt().toEpochMilli()), Jsons.write(timer))).mapEmpty();
    }

    @Override
    public Future<Void> cancel(String id) {
        return bridge.<Long>call("cancelling timer " + id, () -> CANCEL.run(redis, timerKeys(), id)).mapEmpty();
    }

    @Override
    public Future<List<DueTimer>> claimDue(Instant now, int limit) {
        if (limit <= 0) {
            return bridge.succeed(List.of());
        }
        String hash = keys.timerData();
        return bridge.<List<Object>>call("claiming due timers", () -> CLAIM.run(redis, timerKeys(),
                        Long.toString(now.toEpochMilli()), Integer.toString(limit)))
                .map(claimed -> claimed.stream().map(json -> StoredJson.read((String) json, DueTimer.class, hash))
                        .toList());
    }

    @Override
    public Future<Optional<Instant>> nextDue() {
        return bridge.call("reading the next due timer", () -> redis.zrangebyscoreWithScores(keys.timers(),
                        Range.unbounded(), io.lettuce.core.Limit.create(0, 1)))
                .map(first -> first.stream().findFirst()
                        .map(scored -> Instant.ofEpochMilli((long) scored.getScore())));
    }

    private String[] timerKeys() {
        return new String[] {keys.timers(), keys.timerData()};
    }
}
