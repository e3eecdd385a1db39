package org.civicline.core.store.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.DueTimer;
import org.civicline.core.store.TimerStore;

/**
 * Due timers as a sorted set (id scored by due millis) beside a hash of their JSON. Claiming runs as one script:
 * read the due ids, push them to the lease's end, return them; two nodes claiming at once never get the same timer.
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

    // KEYS: set, hash. ARGV: now millis, limit, lease-end millis. Moves the due ids to the lease's end and returns
    // their JSON, earliest first; the caller writes the lease's end into what it returns.
    private static final RedisScript CLAIM = new RedisScript("""
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            local claimed = {}
            for _, id in ipairs(ids) do
              redis.call('ZADD', KEYS[1], ARGV[3], id)
              local json = redis.call('HGET', KEYS[2], id)
              if json then table.insert(claimed, json) end
            end
            return claimed
            """, ScriptOutputType.MULTI);

    // KEYS: set, hash. ARGV: id, lease-end millis. Removes the timer only while it is still at the lease's end.
    private static final RedisScript DONE = new RedisScript("""
            local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if score and tonumber(score) == tonumber(ARGV[2]) then
              redis.call('ZREM', KEYS[1], ARGV[1])
              redis.call('HDEL', KEYS[2], ARGV[1])
              return 1
            end
            return 0
            """, ScriptOutputType.INTEGER);

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
    public Future<List<DueTimer>> claimDue(Instant now, Duration lease, int limit) {
        if (limit <= 0) {
            return bridge.succeed(List.of());
        }
        String hash = keys.timerData();
        Instant until = Instant.ofEpochMilli(now.plus(lease).toEpochMilli());
        return bridge.<List<Object>>call("claiming due timers", () -> CLAIM.run(redis, timerKeys(),
                        Long.toString(now.toEpochMilli()), Integer.toString(limit), Long.toString(until.toEpochMilli())))
                .map(claimed -> claimed.stream().map(json -> StoredJson.read((String) json, DueTimer.class, hash))
                        .map(t -> new DueTimer(t.id(), t.caseNumber(), t.kind(), until, t.anchor())).toList());
    }

    @Override
    public Future<Void> done(DueTimer claimed) {
        return bridge.<Long>call("finishing timer " + claimed.id(), () -> DONE.run(redis, timerKeys(), claimed.id(),
                Long.toString(claimed.dueAt().toEpochMilli()))).mapEmpty();
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
