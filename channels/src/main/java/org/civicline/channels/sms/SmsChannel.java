package org.civicline.channels.sms;

import io.vertx.ext.web.Router;
import org.civicline.channels.ChannelKit;
import org.civicline.channels.MessageChannel;
import org.civicline.core.model.Channel;

public final class SmsChannel implements MessageChannel {
    public SmsChannel(ChannelKit kit) {
    }

    @Override
    public Channel kind() {
        return Channel.SMS;
    }

    @Override
    public void mount(Router router) {
    }
}
