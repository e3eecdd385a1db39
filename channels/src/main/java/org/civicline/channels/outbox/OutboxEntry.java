package org.civicline.channels.outbox;

import java.time.Instant;
import org.civicline.core.model.Channel;

/**
 * One message sent (or meant to be sent) to a resident, and what became of it.
 *
 * @param id       our id, or the vendor's message id once it gave one
 * @param status   queued, sent, delivered, failed, logged (embedded default: written here only)
 * @param attempts how many times the vendor was tried
 * @param detail   the vendor's error, if any
 */
public record OutboxEntry(String id, Channel channel, String to, String text, String purpose, String status,
                          int attempts, String detail, Instant at) {

    public OutboxEntry withStatus(String newStatus, int tries, String why, Instant when) {
        return new OutboxEntry(id, channel, to, text, purpose, newStatus, tries, why, when);
    }

    public OutboxEntry withId(String vendorId) {
        return new OutboxEntry(vendorId, channel, to, text, purpose, status, attempts, detail, at);
    }
}
