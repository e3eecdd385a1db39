package org.civicline.channels.intake;

/** Which contact holds a delivered message; kept so that a retried delivery finds the contact it joined. */
public record MessageIndex(String contactId) {
}
