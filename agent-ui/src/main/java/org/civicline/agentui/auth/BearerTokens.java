package org.civicline.agentui.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.shareddata.AsyncMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tokens for the grid worker's phone page, which keeps working where cookies are awkward. They live in Vert.x's
 * shared map, which is the cluster's (Hazelcast) when the node is clustered — like the desks' sessions, so a phone
 * whose requests nginx spreads over the nodes stays signed in on every one of them. The map holds a token's SHA-256,
 * not the token: whoever can read the map cannot act as the worker.
 */
public final class BearerTokens {
    static final String MAP = "civicline.bearer-tokens";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final Clock clock;
    private final Duration lifetime;

    public BearerTokens(Vertx vertx, Clock clock, Duration lifetime) {
        this.vertx = vertx;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new token for {@code username}, valid for the lifetime from now. */
    public Future<String> issue(String username) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Grant grant = new Grant(username, clock.millis() + lifetime.toMillis());
        // The map's own time-to-live removes grants nobody asks about again; the expiry in the grant is what counts.
        return grants().compose(map -> map.put(digest(token), grant.encoded(), lifetime.toMillis())).map(token);
    }

    /** Whose token this is, when it is known and not expired. */
    public Future<Optional<String>> username(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Future.succeededFuture(Optional.empty());
        }
        String key = digest(token);
        return grants().compose(map -> map.get(key).compose(encoded -> {
            Optional<Grant> grant = Grant.decode(encoded);
            if (grant.isPresent() && grant.get().expiresAt() > clock.millis()) {
                return Future.succeededFuture(Optional.of(grant.get().username()));
            }
            return (encoded == null ? Future.<Void>succeededFuture() : map.remove(key).<Void>mapEmpty())
                    .map(Optional.empty());
        }));
    }

    /**
     * {@link #username} for a request being routed: the request is paused meanwhile (as Vert.x's own session handler
     * does), so that its body is still there for the body handler after the lookup.
     */
    public Future<Optional<String>> usernameOf(HttpServerRequest request, String token) {
        boolean paused = !request.isEnded();
        if (paused) {
            request.pause();
        }
        return username(token).onComplete(found -> {
            if (paused && !request.isEnded()) {
                request.resume();
            }
        });
    }

    public Future<Void> revoke(String token) {
        return token == null ? Future.succeededFuture()
                : grants().compose(map -> map.remove(digest(token))).mapEmpty();
    }

    private Future<AsyncMap<String, String>> grants() {
        return vertx.sharedData().getAsyncMap(MAP);
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** What the map holds per token: the expiry and the user, as text (any cluster member can read it). */
    private record Grant(String username, long expiresAt) {
        String encoded() {
            return expiresAt + " " + username;
        }

        static Optional<Grant> decode(String encoded) {
            int space = encoded == null ? -1 : encoded.indexOf(' ');
            if (space <= 0) {
                return Optional.empty();
            }
            try {
                long expiresAt = Long.parseLong(encoded.substring(0, space));
                return Optional.of(new Grant(encoded.substring(space + 1), expiresAt));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
