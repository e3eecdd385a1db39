package org.civicline.channels.wechat.outbound;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.Set;
import org.civicline.channels.MessageChannel;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.channels.outbox.OutboxLog;
import org.civicline.channels.wechat.WechatConfig;
import org.civicline.core.model.Channel;
import org.civicline.core.store.Ids;

/**
 * Agent replies through the customer-service message API ({@code /cgi-bin/message/custom/send}). Without API
 * credentials (the embedded default) the message goes only to the outbox log.
 */
public final class WechatOutgoingMessages implements MessageChannel.Addressed {
    /** access_token invalid, expired, or not the newest: fetch another and try once more. */
    private static final Set<Integer> STALE_TOKEN = Set.of(40001, 40014, 42001);

    private final WechatConfig config;
    private final WebClient http;
    private final AccessTokens tokens;
    private final OutboxLog outbox;
    private final Clock clock;

    public WechatOutgoingMessages(WechatConfig config, WebClient http, AccessTokens tokens, OutboxLog outbox,
                                  Clock clock) {
        this.config = config;
        this.http = http;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Future<OutboxEntry> sendTo(String openId, String text, String purpose) {
        OutboxEntry entry = new OutboxEntry(Ids.next("wx", clock.instant()), Channel.WECHAT, openId, text, purpose,
                "queued", 0, null, clock.instant());
        if (!config.canCallApi()) {
            OutboxEntry logged = entry.withStatus("logged", 0, null, clock.instant());
            outbox.record(logged);
            return Future.succeededFuture(logged);
        }
        JsonObject body = new JsonObject().put("touser", openId).put("msgtype", "text")
                .put("text", new JsonObject().put("content", text));
        return attempt(body, 1, true).map(result -> {
            OutboxEntry done = result.errcode == 0
                    ? entry.withStatus("sent", result.attempts, null, clock.instant())
                    : entry.withStatus("failed", result.attempts, "errcode " + result.errcode + ": " + result.errmsg,
                    clock.instant());
            outbox.record(done);
            return done;
        }).recover(e -> {
            OutboxEntry failed = entry.withStatus("failed", 1, e.getMessage(), clock.instant());
            outbox.record(failed);
            return Future.succeededFuture(failed);
        });
    }

    private record Result(int errcode, String errmsg, int attempts) {
    }

    private Future<Result> attempt(JsonObject body, int attempt, boolean mayRetry) {
        return tokens.get().compose(token -> http.postAbs(config.apiBaseUrl() + "/cgi-bin/message/custom/send")
                .addQueryParam("access_token", token)
                .sendJsonObject(body)
                .compose(response -> {
                    JsonObject answer;
                    try {
                        answer = response.bodyAsJsonObject();
                    } catch (RuntimeException e) {
                        answer = null;
                    }
                    if (response.statusCode() != 200 || answer == null) {
                        return Future.succeededFuture(new Result(-1, "HTTP " + response.statusCode(), attempt));
                    }
                    int errcode = answer.getInteger("errcode", 0);
                    if (STALE_TOKEN.contains(errcode) && mayRetry) {
                        return tokens.invalidate(token).compose(v -> attempt(body, attempt + 1, false));
                    }
                    return Future.succeededFuture(new Result(errcode, answer.getString("errmsg"), attempt));
                }));
    }
}
