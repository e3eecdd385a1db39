package org.civicline.core.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.civicline.core.metrics.Metrics;
import org.civicline.core.store.StoreException;
import org.civicline.core.store.Stores;

/**
 * The production stores: one Redis (AOF on), shared by every node, over one Lettuce connection whose commands are
 * pipelined. Multi-key writes are Lua scripts, never MULTI/WATCH, which would interleave with other callers.
 */
public final class RedisStores {
    /**
     * How long a command may take when the URI sets no {@code timeout}. A channel answers its sender only after the
     * store did, and WeChat gives up after five seconds: a Redis that hangs must turn into a quick "busy, try again"
     * (503) rather than a request that waits. (A Redis that is down fails commands at once; see below.)
     */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Reconnect attempts back off up to this pause (Lettuce's own default is 30 s): after Redis comes back, intake
     * works again within about this long, whatever the length of the outage.
     */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    private RedisStores() {
    }

    /** Connects to {@code redisUri} ({@code redis://host:port[/db][?timeout=5s]}) with keys under {@code cl:}. */
    public static Stores create(String redisUri, Vertx vertx) {
        return create(redisUri, RedisKeys.DEFAULT_PREFIX, vertx);
    }

    /** Connects now and fails with {@link StoreException} if Redis cannot be reached. */
    public static Stores create(String redisUri, String keyPrefix, Vertx vertx) {
        RedisKeys keys = new RedisKeys(keyPrefix);
        RedisURI uri = parse(redisUri);
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .commandLatencyRecorder(latencyRecorder(vertx))
                .nettyCustomizer(new FlushBatching())
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                // While disconnected, fail commands at once instead of queueing them: a channel must not
                // acknowledge a resident on a write that may never happen. Reconnection still happens.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        StatefulRedisConnection<String, String> connection;
        try {
            connection = client.connect(StringCodec.UTF8);
        } catch (RedisException e) {
            client.shutdown();
            resources.shutdown();
            throw new StoreException("cannot connect to Redis at " + where(uri) + ": " + e.getMessage(), e);
        }
        ContextBridge bridge = new ContextBridge(vertx);
        RedisAsyncCommands<String, String> redis = connection.async();
        return new Stores(new RedisContactStore(redis, bridge, keys), new RedisCaseStore(redis, bridge, keys),
                new RedisCitizenStore(redis, bridge, keys), new RedisReferenceStore(redis, bridge, keys),
                new RedisQueueStore(redis, bridge, keys), new RedisTimerStore(redis, bridge, keys),
                new RedisFenceStore(redis, bridge, keys), new RedisConnection(client, resources, connection, bridge));
    }

    /**
     * Command latencies into the node's registry when metrics are on ({@code lettuce_command_completion_seconds}
     * and {@code lettuce_command_firstresponse_seconds} per command). Set explicitly either way: Lettuce would
     * otherwise start its own collector, since Micrometer brings the latency libraries it looks for.
     */
    private static CommandLatencyRecorder latencyRecorder(Vertx vertx) {
        return Metrics.enabled(vertx)
                ? new MicrometerCommandLatencyRecorder(Metrics.registry(vertx), MicrometerOptions.create())
                : CommandLatencyRecorder.disabled();
    }

    private static RedisURI parse(String redisUri) {
        RedisURI uri;
        try {
            uri = RedisURI.create(redisUri);
        } catch (RuntimeException e) {
            throw new StoreException("not a Redis URI: " + e.getMessage(), e);
        }
        if (!redisUri.contains("timeout=")) {
            uri.setTimeout(DEFAULT_COMMAND_TIMEOUT);
        }
        return uri;
    }

    /** Host and port only: the URI may carry a password. */
    private static String where(RedisURI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
