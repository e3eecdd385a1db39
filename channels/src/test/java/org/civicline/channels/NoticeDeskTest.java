package org.civicline.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.model.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notices from the case service (reminders, survey links, case updates) go out through the channels' vendors. */
class NoticeDeskTest {
    Harness node;

    @BeforeEach
    void start() {
        node = new Harness("wechat:\n  token: civicToken42\n");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    Object send(SendNotice notice) {
        return Harness.await(node.vertx.eventBus().<OutboxEntry>request(Addresses.NOTICE_SEND, notice)
                .<Object>map(m -> m.body()).recover(Future::succeededFuture));
    }

    @Test
    void smsAndWechatNoticesAreHandedToTheOutboundChannels() {
        Object sms = send(new SendNotice(Channel.SMS, "+8613912345678", "请对工单 20261123-0001 的办理评价：https://x.cn/s/1",
                "survey", "20261123-0001"));
        assertThat(sms).isInstanceOfSatisfying(OutboxEntry.class, e -> {
            assertThat(e.channel()).isEqualTo(Channel.SMS);
            assertThat(e.status()).isEqualTo("logged");
            assertThat(e.purpose()).isEqualTo("survey");
        });
        Object wechat = send(new SendNotice(Channel.WECHAT, "o_notice", "工单已办结", "case-update", "20261123-0001"));
        assertThat(wechat).isInstanceOfSatisfying(OutboxEntry.class, e -> assertThat(e.to()).isEqualTo("o_notice"));
        String outbox = node.get("/channels/outbox").body();
        assertThat(outbox).contains("https://x.cn/s/1").contains("工单已办结").contains("+86139****5678")
                .doesNotContain("13912345678");
    }

    @Test
    void aNoticeWithoutAWayOrATextIsRefusedNamingWhy() {
        Object mailbox = send(new SendNotice(Channel.MAILBOX, "x", "y", "reminder", null));
        assertThat(mailbox).isInstanceOfSatisfying(ReplyException.class,
                e -> assertThat(e.failureCode()).isEqualTo(422));
        Object blank = send(new SendNotice(Channel.SMS, "+8613912345678", " ", "reminder", null));
        assertThat(blank).isInstanceOfSatisfying(ReplyException.class, e -> {
            assertThat(e.failureCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("text");
        });
        Object nobody = send(new SendNotice(Channel.SMS, "", "x", "reminder", null));
        assertThat(nobody).isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.getMessage()).contains("to"));
    }
}
