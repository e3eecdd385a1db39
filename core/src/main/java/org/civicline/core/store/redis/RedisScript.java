package org.civicline.core.store.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script: the atomic unit of every multi-key write (MULTI/WATCH would interleave with other callers on the
 * shared connection). Runs by digest; after a Redis restart emptied the script cache it falls back to EVAL once,
 * which caches it again.
 */
final class RedisScript {
    /** Reads what an index key names, atomically: KEYS index; ARGV prefix of the named key. */
    static final RedisScript FOLLOW_INDEX = new RedisScript("""
            local id = redis.call('GET', KEYS[1])
            if not id then return false end
            return redis.call('GET', ARGV[1] .. id)
            """, ScriptOutputType.VALUE);

    private final String body;
    private final ScriptOutputType output;
    private volatile String digest;

    RedisScript(String body, ScriptOutputType output) {
        this.body = body;
        this.output = output;
    }

    <T> CompletionStage<T> run(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        if (digest == null) {
            digest = redis.digest(body);
        }
        CompletionStage<T> bySha = redis.evalsha(digest, output, keys, args);
        return bySha.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            return cause instanceof RedisNoScriptException ? redis.<T>eval(body, output, keys, args)
                    : CompletableFuture.failedFuture(cause);
        });
    }
}
