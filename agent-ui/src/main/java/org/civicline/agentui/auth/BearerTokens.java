package org.civicline.agentui.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tokens for the grid worker's phone page, which keeps working where cookies are awkward. */
public final class BearerTokens {
    private record Grant(String username, long expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    public BearerTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public String issue(String username) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(username, clock.millis() + lifetime.toMillis()));
        return token;
    }

    public Optional<String> username(String token) {
        Grant grant = token == null ? null : grants.get(token);
        if (grant == null) {
            return Optional.empty();
        }
        if (grant.expiresAt() <= clock.millis()) {
            grants.remove(token);
            return Optional.empty();
        }
        return Optional.of(grant.username());
    }

    public void revoke(String token) {
        grants.remove(token);
    }
}
