package org.civicline.channels.mailbox;

import io.vertx.ext.web.Router;
import org.civicline.channels.ChannelKit;
import org.civicline.channels.MessageChannel;
import org.civicline.core.model.Channel;

public final class MailboxChannel implements MessageChannel {
    public MailboxChannel(ChannelKit kit) {
    }

    @Override
    public Channel kind() {
        return Channel.MAILBOX;
    }

    @Override
    public void mount(Router router) {
    }
}
