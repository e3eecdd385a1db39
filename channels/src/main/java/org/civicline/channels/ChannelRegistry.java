package org.civicline.channels;

import java.util.List;
import java.util.function.Function;
import org.civicline.channels.mailbox.MailboxChannel;
import org.civicline.channels.open311.Open311Channel;
import org.civicline.channels.sms.SmsChannel;
import org.civicline.channels.wechat.WechatChannel;

/** Every message channel. Adding one (WeChat Work, an alarm-device gateway) is a new package and one line here. */
public final class ChannelRegistry {
    static final List<Function<ChannelKit, MessageChannel>> CHANNELS = List.of(
            WechatChannel::new,
            Open311Channel::new,
            MailboxChannel::new,
            SmsChannel::new);

    private ChannelRegistry() {
    }

    public static List<MessageChannel> build(ChannelKit kit) {
        return CHANNELS.stream().map(factory -> factory.apply(kit)).toList();
    }
}
