package org.civicline.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One arrival from a resident on any channel: a call, a chat message thread, a letter, an alarm.
 *
 * @param id             store-assigned identifier
 * @param channel        where it arrived
 * @param citizenId      the resident, when known (may be null until matched)
 * @param sender         the channel address: phone number, WeChat openid, app account, e-mail
 * @param receivedAt     when it arrived
 * @param text           what the resident wrote or the IVR transcript; null for a plain call
 * @param call           the PBX call, for voice channels
 * @param location       where the problem is, when the channel gave one
 * @param priority       queue priority
 * @param idempotencyKey the channel's own id for this delivery; a second delivery with the same key is the same contact
 * @param attachments    photos and files
 * @param caseNumber     the case opened from it, once one is
 */
public record Contact(
        String id,
        Channel channel,
        String citizenId,
        String sender,
        Instant receivedAt,
        String text,
        CallReference call,
        GeoPoint location,
        Priority priority,
        String idempotencyKey,
        List<Attachment> attachments,
        String caseNumber) {

    public Contact {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(priority, "priority");
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("idempotencyKey is required");
        }
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public Contact withId(String newId) {
        return new Contact(newId, channel, citizenId, sender, receivedAt, text, call, location, priority,
                idempotencyKey, attachments, caseNumber);
    }

    public Contact withCaseNumber(String number) {
        return new Contact(id, channel, citizenId, sender, receivedAt, text, call, location, priority,
                idempotencyKey, attachments, number);
    }
}
