package org.civicline.channels.wechat.outbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import org.civicline.channels.wechat.WechatConfig;
import org.civicline.core.store.ReferenceStore;

/**
 * The account's access token. WeChat invalidates the previous token whenever a new one is fetched, so exactly one
 * node fetches at a time: under a cluster-wide lock, after checking whether another node has just stored a fresh
 * one in the shared store. Each node keeps the token in memory until it is due for refresh.
 */
public final class AccessTokens {
    static final String KIND = "channels.wechat-token";
    private static final String LOCK = "civicline.wechat.token";
    /** Refresh this long before WeChat's expiry, so that a message in flight never carries a dead token. */
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final WebClient http;
    private final WechatConfig config;
    private final ReferenceStore shared;
    private final Clock clock;
    private AccessToken current;
    private Future<AccessToken> refreshing;

    public AccessTokens(Vertx vertx, WebClient http, WechatConfig config, ReferenceStore shared, Clock clock) {
        this.vertx = vertx;
        this.http = http;
        this.config = config;
        this.shared = shared;
        this.clock = clock;
    }

    public synchronized Future<String> get() {
        if (fresh(current)) {
            return Future.succeededFuture(current.value());
        }
        if (refreshing == null) {
            refreshing = refresh().andThen(done -> {
                synchronized (this) {
                    refreshing = null;
                    if (done.succeeded()) {
                        current = done.result();
                    }
                }
            });
        }
        return refreshing.map(AccessToken::value);
    }

    /** WeChat said the token is invalid (40001, 42001): forget it here and in the shared store. */
    public synchronized Future<Void> invalidate(String token) {
        if (current != null && current.value().equals(token)) {
            current = null;
        }
        return shared.get(KIND, config.appId(), AccessToken.class).compose(stored -> stored.isPresent()
                && stored.get().value().equals(token)
                ? shared.put(KIND, config.appId(), new AccessToken(token, clock.instant()))
                : Future.succeededFuture());
    }

    private Future<AccessToken> refresh() {
        return vertx.sharedData().getLockWithTimeout(LOCK, 10_000).compose(lock ->
                shared.get(KIND, config.appId(), AccessToken.class)
                        .compose(stored -> stored.filter(this::fresh).map(Future::succeededFuture)
                                .orElseGet(this::fetch))
                        .andThen(done -> lock.release()));
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
                    AccessToken token = new AccessToken(body.getString("access_token"),
                            clock.instant().plusSeconds(seconds).minus(MARGIN));
                    return shared.put(KIND, config.appId(), token).map(v -> token);
                });
    }

    private boolean fresh(AccessToken token) {
        return token != null && clock.instant().isBefore(token.refreshAfter());
    }
}
