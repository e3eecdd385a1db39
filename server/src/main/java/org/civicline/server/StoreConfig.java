package org.civicline.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/** The {@code store} section: {@code memory} (embedded default, lost on exit) or {@code redis}. */
public record StoreConfig(String type, Redis redis) implements ConfigSection {

    public record Redis(String uri, String keyPrefix) {
    }

    public StoreConfig {
        type = type == null ? "memory" : type;
        redis = redis == null ? new Redis(null, null) : redis;
    }

    public boolean isRedis() {
        return "redis".equals(type);
    }

    public String keyPrefix() {
        return redis.keyPrefix() == null || redis.keyPrefix().isBlank() ? "cl:" : redis.keyPrefix();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!type.equals("memory") && !type.equals("redis")) {
            problems.add("type: expected 'memory' or 'redis', got '" + type + "'");
        }
        if (isRedis()) {
            if (redis.uri() == null || redis.uri().isBlank()) {
                problems.add("redis.uri: required when store.type is redis, e.g. redis://127.0.0.1:6379");
            } else {
                try {
                    URI uri = URI.create(redis.uri());
                    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                        problems.add("redis.uri: expected redis://host:port or rediss://…, got '" + redis.uri() + "'");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("redis.uri: not a URI: '" + redis.uri() + "'");
                }
            }
        }
        return problems;
    }
}
