package org.civicline.channels.wechat.outbound;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import org.civicline.channels.wechat.WechatConfig;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.Fence;
import org.civicline.core.store.FencedOffException;
import org.civicline.core.store.ReferenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the account's access token, on one node of the cluster ({@link SingletonDeployer} singleton
 * {@value #SINGLETON}): WeChat invalidates the previous token whenever a new one is fetched, so nodes fetching on their
 * own would knock each other's tokens out. It fetches ahead of expiry, and at once when a node finds the stored token
 * stale or WeChat calls it invalid ({@link #REFRESH}), and stores it under its fence: a deposed refresher's late
 * write is refused, so it cannot replace the new leader's token with one WeChat has already revoked.
 */
public final class TokenRefresher extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);
    public static final String SINGLETON = "wechat-token";
    /** Request: the token the asker holds as stale or invalid ("" for none) → reply: the fresh token as JSON. */
    static final String REFRESH = "civicline.wechat.token.refresh";
    /** Refresh this long before WeChat's expiry, so that a message in flight never carries a dead token. */
    static final Duration MARGIN = Duration.ofMinutes(5);
    private static final long RETRY_MILLIS = 10_000;
    /** The shortest wait before a scheduled refresh, so a token WeChat gives for less than the margin cannot spin. */
    private static final long MIN_WAIT_MILLIS = 1_000;

    private final WebClient http;
    private final WechatConfig config;
    private final ReferenceStore shared;
    private final Clock clock;
    private final Fence fence;
    private Future<AccessToken> fetching;
    private long timer = -1;

    public TokenRefresher(WebClient http, WechatConfig config, ReferenceStore shared, Clock clock, Fence fence) {
        this.http = http;
        this.config = config;
        this.shared = shared;
        this.clock = clock;
        this.fence = fence;
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.eventBus().<String>consumer(REFRESH, m -> current(m.body())
                        .onSuccess(token -> m.reply(Jsons.write(token)))
                        .onFailure(e -> m.fail(FailureCodes.UNAVAILABLE, e.getMessage())))
                .completion()
                .onComplete(started)
                // The token is fetched (or the stored one scheduled) in the background: WeChat being away must not
                // keep the node from starting.
                .onSuccess(v -> current(""));
    }

    /** The stored token when it is fresh and not {@code stale}, else a newly fetched one. */
    private Future<AccessToken> current(String stale) {
        return shared.get(AccessTokens.KIND, config.appId(), AccessToken.class).compose(stored -> {
            if (stored.isPresent() && fresh(stored.get()) && !stored.get().value().equals(stale)) {
                schedule(stored.get());
                return Future.succeededFuture(stored.get());
            }
            return fetchOnce();
        });
    }

    /** One fetch at a time: whoever asks while one runs gets its token. */
    private Future<AccessToken> fetchOnce() {
        if (fetching != null) {
            return fetching;
        }
        Future<AccessToken> fetched = fetch()
                .compose(token -> shared.put(AccessTokens.KIND, config.appId(), token, fence).map(token))
                .onSuccess(token -> {
                    LOG.info("fetched a WeChat access token; the next refresh is at {}", token.refreshAfter());
                    schedule(token);
                })
                .onFailure(e -> {
                    if (e instanceof FencedOffException) {
                        LOG.warn("a newer WeChat token refresher runs: {}", e.getMessage());
                        SingletonDeployer.deposed(vertx, fence);
                    } else {
                        LOG.warn("WeChat access token not refreshed: {}; trying again in {} s", e.getMessage(),
                                RETRY_MILLIS / 1000);
                        arm(RETRY_MILLIS);
                    }
                });
        fetching = fetched;
        // Runs at once when the fetch failed at once: the next call must not find this fetch.
        fetched.onComplete(done -> {
            if (fetching == fetched) {
                fetching = null;
            }
        });
        return fetched;
    }

    private void schedule(AccessToken token) {
        arm(Math.max(MIN_WAIT_MILLIS, token.refreshAfter().toEpochMilli() - clock.millis()));
    }

    private void arm(long delayMillis) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        timer = vertx.setTimer(delayMillis, id -> {
            timer = -1;
            current("");
        });
    }

    private Future<AccessToken> fetch() {
        return http.getAbs(config.apiBaseUrl() + "/cgi-bin/token")
                .addQueryParam("grant_type", "client_credential")
                .addQueryParam("appid", config.appId())
                .addQueryParam("secret", config.appSecret())
                .send()
                .compose(response -> {
                    JsonObject body;
                    try {
                        body = response.bodyAsJsonObject();
                    } catch (RuntimeException e) {
                        body = null;
                    }
                    if (response.statusCode() != 200 || body == null || body.getString("access_token") == null) {
                        return Future.failedFuture(new IllegalStateException("WeChat token request failed: HTTP "
                                + response.statusCode() + " " + (body == null ? "" : body.encode())));
                    }
                    long seconds = body.getLong("expires_in", 7200L);
                    return Future.succeededFuture(new AccessToken(body.getString("access_token"),
                            clock.instant().plusSeconds(seconds).minus(MARGIN)));
                });
    }

    private boolean fresh(AccessToken token) {
        return clock.instant().isBefore(token.refreshAfter());
    }
}
