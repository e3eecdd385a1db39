package org.civicline.core.channels;

/** Asks for the conversation of {@code contactId}. */
public record ConversationRequest(String contactId) {
}
