package org.civicline.channels.sms;

import io.vertx.ext.web.Router;
import java.util.Optional;
import org.civicline.channels.ChannelKit;
import org.civicline.channels.MessageChannel;
import org.civicline.channels.progress.PhoneProgress;
import org.civicline.channels.sms.inbound.SmsWebhook;
import org.civicline.channels.sms.outbound.SmsOutgoingMessages;
import org.civicline.core.model.Channel;

/** SMS through Twilio: webhook in, SDK out, status callbacks into the outbox log. */
public final class SmsChannel implements MessageChannel {
    private final SmsWebhook webhook;
    private final SmsOutgoingMessages outgoing;

    public SmsChannel(ChannelKit kit) {
        TwilioConfig config = kit.config().section("twilio", TwilioConfig.class);
        this.outgoing = new SmsOutgoingMessages(kit.vertx(), config, kit.outbox(), kit.clock());
        this.webhook = new SmsWebhook(config, kit.intake(), kit.residents(),
                new PhoneProgress(kit.vertx(), kit.query()), outgoing, kit.clock());
    }

    @Override
    public Channel kind() {
        return Channel.SMS;
    }

    @Override
    public void mount(Router router) {
        webhook.mount(router);
    }

    @Override
    public Optional<Outbound> outbound() {
        return Optional.of(outgoing);
    }

    public SmsOutgoingMessages sms() {
        return outgoing;
    }
}
