package org.civicline.channels.open311;

import io.vertx.ext.web.Router;
import org.civicline.channels.ChannelKit;
import org.civicline.channels.MessageChannel;
import org.civicline.core.model.Channel;

public final class Open311Channel implements MessageChannel {
    public Open311Channel(ChannelKit kit) {
    }

    @Override
    public Channel kind() {
        return Channel.OPEN311;
    }

    @Override
    public void mount(Router router) {
    }
}
