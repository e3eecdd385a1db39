package org.civicline.channels.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Channel;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Priority;

/**
 * One delivery from a resident, already verified by its channel.
 *
 * @param messageKey the channel's own id for this delivery (WeChat MsgId, Twilio MessageSid …); a repeated delivery
 *                   carries the same key
 * @param citizenId  the resident when the channel could tell, else null
 */
public record InboundMessage(Channel channel, String sender, String messageKey, Instant at, String text,
                             GeoPoint location, List<Attachment> attachments, Priority priority, String citizenId) {
    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
        if (messageKey == null || messageKey.isBlank()) {
            throw new IllegalArgumentException("messageKey is required");
        }
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        priority = priority == null ? Priority.NORMAL : priority;
    }

    public InboundMessage withCitizen(String id) {
        return new InboundMessage(channel, sender, messageKey, at, text, location, attachments, priority, id);
    }
}
