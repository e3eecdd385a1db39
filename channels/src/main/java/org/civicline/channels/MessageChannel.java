package org.civicline.channels;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.Optional;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;

/**
 * One way residents write in. Every channel has the same parts: inbound (vendor request → verified → contact),
 * outbound (agent reply → vendor), delivery status (vendor report → outbox). {@link ChannelRegistry} lists them.
 */
public interface MessageChannel {

    /** The contacts this channel creates. */
    Channel kind();

    /** Mounts the channel's endpoints, each with its own body limit. */
    void mount(Router router);

    /** Starts what the channel runs in the background (a cluster singleton, say); done once it runs. */
    default Future<Void> start() {
        return Future.succeededFuture();
    }

    /** Where an agent's reply to a contact of this channel goes; empty when the channel has no way back. */
    default Optional<Outbound> outbound() {
        return Optional.empty();
    }

    /** Sends a text to the resident behind a contact of this channel and reports what became of it. */
    interface Outbound {
        Future<OutboxEntry> send(Contact contact, String text, String purpose);
    }

    /** An outbound part that reaches an address (phone, openid) with or without a contact behind it. */
    interface Addressed extends Outbound {
        Future<OutboxEntry> sendTo(String address, String text, String purpose);

        @Override
        default Future<OutboxEntry> send(Contact contact, String text, String purpose) {
            return sendTo(contact.sender(), text, purpose);
        }
    }
}
