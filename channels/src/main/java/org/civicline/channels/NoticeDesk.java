package org.civicline.channels;

import io.vertx.core.eventbus.Message;
import java.util.Map;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.model.Channel;

/**
 * Serves {@link Addresses#NOTICE_SEND}: reminders to departments, survey links and case updates to residents, by SMS
 * or WeChat. The reply (the outbox entry) comes once the text is handed to the vendor or written to the outbox log;
 * a vendor's refusal is a reply too, with status {@code failed}, so the sender can log it.
 */
final class NoticeDesk {
    static final int MAX_TEXT = 1600;

    private final Map<Channel, MessageChannel.Addressed> outbound;

    NoticeDesk(Map<Channel, MessageChannel.Addressed> outbound) {
        this.outbound = outbound;
    }

    void handle(Message<SendNotice> message) {
        SendNotice notice = message.body();
        MessageChannel.Addressed way = notice.channel() == null ? null : outbound.get(notice.channel());
        if (way == null) {
            message.fail(FailureCodes.ILLEGAL_TRANSITION, "notices go by SMS or WECHAT, not " + notice.channel());
            return;
        }
        if (notice.to() == null || notice.to().isBlank()) {
            message.fail(FailureCodes.INVALID, "[{\"field\":\"to\",\"message\":\"is required\"}]");
            return;
        }
        if (notice.text() == null || notice.text().isBlank() || notice.text().length() > MAX_TEXT) {
            message.fail(FailureCodes.INVALID, "[{\"field\":\"text\",\"message\":\"is required, at most " + MAX_TEXT
                    + " characters\"}]");
            return;
        }
        String purpose = notice.purpose() == null ? "notice" : notice.purpose();
        way.sendTo(notice.to().strip(), notice.text().strip(), purpose)
                .onSuccess(message::reply)
                .onFailure(e -> message.fail(FailureCodes.UNAVAILABLE, e.getMessage()));
    }
}
