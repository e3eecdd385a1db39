package org.civicline.core.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.vertx.core.Future;
import org.civicline.core.store.Stores;

/** The Lettuce client and the one connection every Redis store shares: what {@link Stores#close()} closes. */
final class RedisConnection implements AutoCloseable, Stores.Pingable {
    private final RedisClient client;
    private final ClientResources resources;
    private final StatefulRedisConnection<String, String> connection;
    private final ContextBridge bridge;

    RedisConnection(RedisClient client, ClientResources resources, StatefulRedisConnection<String, String> connection,
                    ContextBridge bridge) {
        this.client = client;
        this.resources = resources;
        this.connection = connection;
        this.bridge = bridge;
    }

    @Override
    public Future<Void> ping() {
        return bridge.call("pinging Redis", () -> connection.async().ping()).mapEmpty();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            client.shutdown();
            // The client's own resources (event loops, timers): not shut down with the client when given to it.
            resources.shutdown();
        }
    }
}
