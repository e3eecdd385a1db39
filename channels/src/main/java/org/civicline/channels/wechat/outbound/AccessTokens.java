package org.civicline.channels.wechat.outbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Clock;
import java.time.Duration;
import org.civicline.channels.wechat.WechatConfig;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.ReferenceStore;

/**
 * The account's access token as one node uses it: kept in memory until it is due for refresh, then read from the
 * shared store, where the cluster's one {@link TokenRefresher} keeps it fresh. Only when the stored one is stale too,
 * or WeChat calls it invalid, does the node ask the refresher for a new one; it never fetches one itself.
 */
public final class AccessTokens {
    static final String KIND = "channels.wechat-token";
    private static final DeliveryOptions ASK = new DeliveryOptions().setSendTimeout(10_000);
    /**
     * A token past its refresh time still works (WeChat honours the old one for minutes after the next is fetched),
     * so for this long a node keeps using the stored one while the refresher replaces it, instead of asking it too.
     */
    static final Duration GRACE = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final WechatConfig config;
    private final ReferenceStore shared;
    private final Clock clock;
    private AccessToken current;
    private Future<AccessToken> reading;

    public AccessTokens(Vertx vertx, WechatConfig config, ReferenceStore shared, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.shared = shared;
        this.clock = clock;
    }

    public synchronized Future<String> get() {
        if (fresh(current)) {
            return Future.succeededFuture(current.value());
        }
        if (reading != null) {
            return reading.map(AccessToken::value);
        }
        Future<AccessToken> read = shared.get(KIND, config.appId(), AccessToken.class)
                .compose(stored -> stored.filter(this::usable).map(Future::succeededFuture)
                        .orElseGet(() -> askRefresher(stored.map(AccessToken::value).orElse(""))));
        reading = read;
        // Runs at once when the store answered at once (memory): the next call must not find this read.
        read.onComplete(done -> {
            synchronized (this) {
                if (reading == read) {
                    reading = null;
                }
                if (done.succeeded()) {
                    current = done.result();
                }
            }
        });
        return read.map(AccessToken::value);
    }

    /** WeChat said {@code token} is invalid (40001, 42001): forget it, and have the refresher replace it. */
    public Future<Void> invalidate(String token) {
        synchronized (this) {
            if (current != null && current.value().equals(token)) {
                current = null;
            }
        }
        return askRefresher(token).mapEmpty();
    }

    private Future<AccessToken> askRefresher(String stale) {
        return vertx.eventBus().<String>request(TokenRefresher.REFRESH, stale, ASK)
                .map(reply -> Jsons.read(reply.body(), AccessToken.class));
    }

    private boolean fresh(AccessToken token) {
        return token != null && clock.instant().isBefore(token.refreshAfter());
    }

    private boolean usable(AccessToken token) {
        return clock.instant().isBefore(token.refreshAfter().plus(GRACE));
    }
}
