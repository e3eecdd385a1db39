package org.civicline.channels.wechat.inbound;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.civicline.channels.intake.InboundMessage;
import org.civicline.channels.intake.Intake;
import org.civicline.core.http.RateLimiter;
import org.civicline.channels.intake.Receipt;
import org.civicline.channels.intake.Residents;
import org.civicline.channels.progress.CaseQuery;
import org.civicline.channels.wechat.WechatConfig;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Channel;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Priority;

/**
 * Turns a verified WeChat message into a contact, a case query or a menu answer, and says what to reply. The reply
 * is empty when WeChat should get a plain {@code success} (events that need no answer, unknown types).
 */
public final class WechatIncomingMessages {
    static final String WELCOME = "欢迎关注市民服务热线！直接发送文字、图片、语音或位置即可反映问题；"
            + "回复“查询 工单号”查看办理进度，或点击菜单“我的诉求”。";
    static final String HOW_TO_REPORT = "请直接发送问题描述，可附图片、语音，并发送位置以便我们找到现场。"
            + "我们收到后会立即回复受理编号。";
    static final String TOO_FAST = "您发送得太快了，请稍后再试。紧急情况请拨打 12345。";
    static final int MAX_TEXT = 2000;

    private final WechatConfig config;
    private final Intake intake;
    private final Residents residents;
    private final CaseQuery query;
    private final RateLimiter limiter;
    private final Clock clock;

    public WechatIncomingMessages(WechatConfig config, Intake intake, Residents residents, CaseQuery query,
                                  Clock clock) {
        this.config = config;
        this.intake = intake;
        this.residents = residents;
        this.query = query;
        this.limiter = new RateLimiter(config.messagesPerMinute(), Duration.ofMinutes(1), clock);
        this.clock = clock;
    }

    /** The reply text, or empty for {@code success}. Fails only when the message could not be stored. */
    public Future<Optional<String>> handle(WechatMessage message) {
        String type = message.type();
        if ("event".equals(type)) {
            return event(message);
        }
        Optional<InboundMessage> inbound = toInbound(message);
        if (inbound.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        // Queries count too: each one reads the store.
        if (!limiter.tryAcquire(message.openId())) {
            return Future.succeededFuture(Optional.of(TOO_FAST));
        }
        if ("text".equals(type)) {
            Optional<String> asked = CaseQuery.askedNumber(message.get("Content"));
            if (asked.isPresent()) {
                return caseQuery(message.openId(), asked.get());
            }
        }
        return intake.receive(inbound.get(), residents.byWechat(message.openId()),
                        Duration.ofMinutes(config.conversationMinutes()))
                .map(receipt -> Optional.of(acknowledgement(receipt)));
    }

    private Future<Optional<String>> event(WechatMessage message) {
        String event = message.event() == null ? "" : message.event();
        if ("subscribe".equalsIgnoreCase(event)) {
            return Future.succeededFuture(Optional.of(WELCOME));
        }
        if ("CLICK".equalsIgnoreCase(event)) {
            String key = message.get("EventKey");
            if (config.reportMenuKey().equals(key)) {
                return Future.succeededFuture(Optional.of(HOW_TO_REPORT));
            }
            if (config.myCasesMenuKey().equals(key)) {
                return caseQuery(message.openId(), "");
            }
        }
        // unsubscribe, SCAN, VIEW, LOCATION reports and unknown menu keys need no answer.
        return Future.succeededFuture(Optional.empty());
    }

    private Future<Optional<String>> caseQuery(String openId, String number) {
        return residents.byWechat(openId).compose(citizen ->
                        intake.history(Channel.WECHAT, openId)
                                .compose(recent -> query.answer(number, citizen, recent)))
                .map(Optional::of);
    }

    static String acknowledgement(Receipt receipt) {
        String id = receipt.contact().id();
        if (receipt.outcome() == Receipt.Outcome.JOINED) {
            return "补充内容已收到，已并入受理编号 " + id + "。";
        }
        return "您的诉求已收到，受理编号 " + id + "。工作人员将尽快处理；立案后可回复“查询 工单号”查看进度。";
    }

    /** Empty for message types that carry nothing to act on. */
    private Optional<InboundMessage> toInbound(WechatMessage m) {
        String type = m.type();
        String text;
        GeoPoint location = null;
        List<Attachment> attachments = List.of();
        switch (type) {
            case "text" -> text = m.get("Content");
            case "image" -> {
                text = "[图片]";
                attachments = List.of(new Attachment("image", firstOf(m.get("PicUrl"), "wechat-media:"
                        + m.get("MediaId")), "image/jpeg", 0));
            }
            case "voice" -> {
                String recognition = m.get("Recognition");
                text = recognition != null ? "[语音] " + recognition : "[语音]";
                attachments = List.of(new Attachment("voice", "wechat-media:" + m.get("MediaId"),
                        formatOf(m.get("Format")), 0));
            }
            case "video", "shortvideo" -> {
                text = "[视频]";
                attachments = List.of(new Attachment("video", "wechat-media:" + m.get("MediaId"), "video/mp4", 0));
            }
            case "location" -> {
                location = point(m.get("Location_Y"), m.get("Location_X"));
                text = "[位置] " + firstOf(m.get("Label"), "");
            }
            case "link" -> text = "[链接] " + firstOf(m.get("Title"), "") + " " + firstOf(m.get("Url"), "");
            default -> {
                return Optional.empty();
            }
        }
        if (text == null) {
            text = "";
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "…";
        }
        if (attachments.stream().anyMatch(a -> a.reference().endsWith(":null"))) {
            attachments = List.of();
        }
        // Our clock, not the sender's CreateTime: the conversation window is ours to measure.
        Instant at = clock.instant();
        return Optional.of(new InboundMessage(Channel.WECHAT, m.openId(), m.deliveryKey(), at, text.strip(),
                location, attachments, Priority.NORMAL, null));
    }

    private static GeoPoint point(String longitude, String latitude) {
        try {
            return new GeoPoint(Double.parseDouble(longitude), Double.parseDouble(latitude));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String formatOf(String format) {
        return format == null ? "audio/amr" : "audio/" + format.toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstOf(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
