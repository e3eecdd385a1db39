package org.civicline.channels.wechat.inbound;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.civicline.channels.http.PlainErrors;
import org.civicline.channels.wechat.WechatConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /wechat/callback}: the URL WeChat pushes to. GET answers the server verification; POST takes messages in
 * plaintext or safe mode. The signature is checked on every request, before anything is read or stored.
 */
public final class WechatCallback {
    public static final String PATH = "/wechat/callback";
    private static final Logger LOG = LoggerFactory.getLogger(WechatCallback.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WechatConfig config;
    private final WechatCrypto crypto;
    private final WechatIncomingMessages messages;
    private final Clock clock;

    public WechatCallback(WechatConfig config, WechatIncomingMessages messages, Clock clock) {
        this.config = config;
        this.crypto = config.safeModeAvailable() ? new WechatCrypto(config.aesKey(), config.appId()) : null;
        this.messages = messages;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH).handler(this::verify);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(this::receive)
                .failureHandler(ctx -> PlainErrors.onFailure(ctx, config.maxBodyBytes()));
    }

    private void verify(RoutingContext ctx) {
        if (!signed(ctx)) {
            PlainErrors.send(ctx, 403, "signature mismatch");
            return;
        }
        String echo = ctx.request().getParam("echostr");
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(echo == null ? "" : echo);
    }

    private void receive(RoutingContext ctx) {
        if (!signed(ctx)) {
            PlainErrors.send(ctx, 403, "signature mismatch");
            return;
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            PlainErrors.send(ctx, 400, "empty body: expected a WeChat <xml> message");
            return;
        }
        boolean safeMode = "aes".equalsIgnoreCase(ctx.request().getParam("encrypt_type"));
        WechatMessage message;
        try {
            Map<String, String> outer = WechatXml.parse(body.getBytes());
            message = new WechatMessage(safeMode ? open(ctx, outer) : outer);
        } catch (Refused e) {
            PlainErrors.send(ctx, e.status, e.getMessage());
            return;
        } catch (WechatXml.MalformedXmlException | WechatCrypto.BadCiphertextException e) {
            LOG.warn("WeChat callback refused: {}", e.getMessage());
            PlainErrors.send(ctx, 400, e.getMessage());
            return;
        }
        if (message.openId() == null || message.type() == null) {
            PlainErrors.send(ctx, 400, (message.openId() == null ? "FromUserName" : "MsgType") + " is required");
            return;
        }
        messages.handle(message)
                .onSuccess(reply -> answer(ctx, message, reply, safeMode))
                .onFailure(e -> {
                    // Not stored: no acknowledgement, and a 5xx so that WeChat delivers it again.
                    LOG.error("WeChat message {} could not be stored", message.deliveryKey(), e);
                    PlainErrors.busy(ctx, "try again");
                });
    }

    /** Safe mode: the outer document carries {@code Encrypt}, signed with {@code msg_signature}. */
    private Map<String, String> open(RoutingContext ctx, Map<String, String> outer) {
        if (crypto == null) {
            throw new Refused(400, "safe mode is not configured on this account (wechat.aesKey)");
        }
        String encrypted = outer.get("Encrypt");
        if (encrypted == null || encrypted.isBlank()) {
            throw new Refused(400, "Encrypt is required in safe mode");
        }
        var q = ctx.request();
        if (!WechatSignature.matches(q.getParam("msg_signature"), config.token(), q.getParam("timestamp"),
                q.getParam("nonce"), encrypted)) {
            throw new Refused(403, "msg_signature mismatch");
        }
        return WechatXml.parse(crypto.decrypt(encrypted).getBytes(StandardCharsets.UTF_8));
    }

    private void answer(RoutingContext ctx, WechatMessage message, Optional<String> reply, boolean safeMode) {
        if (reply.isEmpty()) {
            ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("success");
            return;
        }
        var response = ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8");
        String xml = WechatReply.text(message.openId(), message.account(), clock.instant(), reply.get());
        if (!safeMode) {
            response.end(xml);
            return;
        }
        String encrypted = crypto.encrypt(xml);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        response.end(WechatReply.encrypted(encrypted, WechatSignature.of(config.token(), timestamp, nonce, encrypted),
                timestamp, nonce));
    }

    private boolean signed(RoutingContext ctx) {
        var q = ctx.request();
        return WechatSignature.matches(q.getParam("signature"), config.token(), q.getParam("timestamp"),
                q.getParam("nonce"));
    }

    /** A request refused with a status and a reason that is safe to show. */
    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String reason) {
            super(reason);
            this.status = status;
        }
    }
}
