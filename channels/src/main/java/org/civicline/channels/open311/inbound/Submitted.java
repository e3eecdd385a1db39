package org.civicline.channels.open311.inbound;

import java.time.Instant;

/** What a POST answers: the case number, or a token when the case could not be opened yet (never both). */
public record Submitted(String caseNumber, String token, Instant deadline) {
}
