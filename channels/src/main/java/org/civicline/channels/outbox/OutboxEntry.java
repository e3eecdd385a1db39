package org.civicline.channels.outbox;

import java.time.Instant;
import org.civicline.core.PhoneMask;
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

    /** The same entry with the address hidden (phone: middle digits; openid: all but its start), for display. */
    public OutboxEntry masked() {
        String hidden = to == null ? null : to.matches("\\+?[0-9]{7,}") ? PhoneMask.mask(to)
                : to.length() > 6 ? to.substring(0, 6) + "…" : to;
        return new OutboxEntry(id, channel, hidden, text, purpose, status, attempts, detail, at);
    }

    public OutboxEntry withId(String vendorId) {
        return new OutboxEntry(vendorId, channel, to, text, purpose, status, attempts, detail, at);
    }
}
