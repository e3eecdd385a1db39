package org.civicline.core.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import org.civicline.core.store.Fence;
import org.civicline.core.store.FenceStore;
import org.civicline.core.store.FencedOffException;

/**
 * Per singleton a token counter ({@code fence:<name>}) and a lease key naming the holder with a time to live
 * ({@code fence-holder:<name>}); each step one script, so a claim and its token are one atomic decision.
 */
final class RedisFenceStore implements FenceStore {
    // KEYS: counter, lease. ARGV: holder, lease millis. → the new token, or 0 while another holder's lease runs.
    private static final RedisScript CLAIM = new RedisScript("""
            local holder = redis.call('GET', KEYS[2])
            if holder and holder ~= ARGV[1] then return 0 end
            local token = redis.call('INCR', KEYS[1])
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
            return token
            """, ScriptOutputType.INTEGER);
    // KEYS: counter, lease. ARGV: token, holder, lease millis. → 1, or 0 when a newer token is in force.
    private static final RedisScript RENEW = new RedisScript("""
            if tonumber(redis.call('GET', KEYS[1]) or '0') ~= tonumber(ARGV[1]) then return 0 end
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            return 1
            """, ScriptOutputType.INTEGER);
    // KEYS: counter, lease. ARGV: token, holder.
    private static final RedisScript RELEASE = new RedisScript("""
            if tonumber(redis.call('GET', KEYS[1]) or '0') == tonumber(ARGV[1])
                and redis.call('GET', KEYS[2]) == ARGV[2] then
              redis.call('DEL', KEYS[2])
            end
            return 1
            """, ScriptOutputType.INTEGER);

    /**
     * The check every fenced write script starts with. KEYS[fenceKey] is the counter, ARGV[1] the writer's token.
     * Refusals carry FENCED, which the stores turn into FencedOffException.
     */
    static String checkFence(int fenceKey) {
        return "local inForce = tonumber(redis.call('GET', KEYS[" + fenceKey + "]) or '0')\n"
                + "if tonumber(ARGV[1]) < inForce then\n"
                + "  return redis.error_reply('FENCED token ' .. ARGV[1] .. ' < ' .. inForce)\n"
                + "end\n";
    }

    /** A fenced script's refusal as FencedOffException; other failures as they are. */
    static Throwable fencedOff(String what, Throwable failure) {
        return String.valueOf(failure.getMessage()).contains("FENCED")
                ? new FencedOffException(what + " refused: " + failure.getMessage()) : failure;
    }

    private final RedisAsyncCommands<String, String> redis;
    private final ContextBridge bridge;
    private final RedisKeys keys;

    RedisFenceStore(RedisAsyncCommands<String, String> redis, ContextBridge bridge, RedisKeys keys) {
        this.redis = redis;
        this.bridge = bridge;
        this.keys = keys;
    }

    @Override
    public Future<Optional<Fence>> claim(String singleton, String holder, Duration lease) {
        return bridge.<Long>call("claiming the " + singleton + " lease", () -> CLAIM.run(redis,
                        new String[] {keys.fence(singleton), keys.fenceHolder(singleton)}, holder,
                        String.valueOf(lease.toMillis())))
                .map(token -> token == 0 ? Optional.empty() : Optional.of(new Fence(singleton, holder, token)));
    }

    @Override
    public Future<Boolean> renew(Fence fence, Duration lease) {
        return bridge.<Long>call("renewing the " + fence.singleton() + " lease", () -> RENEW.run(redis,
                        new String[] {keys.fence(fence.singleton()), keys.fenceHolder(fence.singleton())},
                        String.valueOf(fence.token()), fence.holder(), String.valueOf(lease.toMillis())))
                .map(renewed -> renewed == 1);
    }

    @Override
    public Future<Void> release(Fence fence) {
        return bridge.<Long>call("releasing the " + fence.singleton() + " lease", () -> RELEASE.run(redis,
                new String[] {keys.fence(fence.singleton()), keys.fenceHolder(fence.singleton())},
                String.valueOf(fence.token()), fence.holder())).mapEmpty();
    }

    @Override
    public Future<Long> current(String singleton) {
        return bridge.call("reading the " + singleton + " fencing token", () -> redis.get(keys.fence(singleton)))
                .map(value -> value == null ? 0L : Long.parseLong(value));
    }
}
