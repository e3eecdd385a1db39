package org.civicline.channels.intake;

import java.time.Instant;

/** A sender's open conversation: the contact their messages join while they keep writing. */
public record Conversation(String contactId, Instant lastMessageAt) {
}
