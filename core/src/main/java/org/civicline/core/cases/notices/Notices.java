package org.civicline.core.cases.notices;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Optional;
import org.civicline.core.PhoneMask;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.model.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands texts to the outbound channels over the bus; never fails, the outcome is a phrase for the case log. */
public final class Notices {
    private static final Logger LOG = LoggerFactory.getLogger(Notices.class);
    private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(5000);

    private final Vertx vertx;

    public Notices(Vertx vertx) {
        this.vertx = vertx;
    }

    /** A notice by SMS when there is a phone, else by WeChat when there is an openid. */
    public static Optional<SendNotice> to(String phone, String wechatOpenId, String text, String purpose,
                                          String caseNumber) {
        if (phone != null && !phone.isBlank()) {
            return Optional.of(new SendNotice(Channel.SMS, phone, text, purpose, caseNumber));
        }
        if (wechatOpenId != null && !wechatOpenId.isBlank()) {
            return Optional.of(new SendNotice(Channel.WECHAT, wechatOpenId, text, purpose, caseNumber));
        }
        return Optional.empty();
    }

    /** "已发送" or "未送达：why". */
    public Future<String> send(SendNotice notice) {
        return vertx.eventBus().request(Addresses.NOTICE_SEND, notice, OPTIONS)
                .map(reply -> "已发送")
                .recover(e -> {
                    String why = e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
                            ? "未部署短信/微信通道" : e.getMessage();
                    LOG.warn("{} notice for case {} to {} not delivered: {}", notice.purpose(), notice.caseNumber(),
                            PhoneMask.mask(notice.to()), why);
                    return Future.succeededFuture("未送达：" + why);
                });
    }

    /** How the log names the recipient: channel and masked address. */
    public static String describe(SendNotice notice) {
        return (notice.channel() == Channel.SMS ? "短信 " : "微信 ") + PhoneMask.mask(notice.to());
    }
}
