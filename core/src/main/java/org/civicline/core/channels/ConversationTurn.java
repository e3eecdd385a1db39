package org.civicline.core.channels;

import java.time.Instant;

/**
 * One message of a conversation with a resident: what they wrote ({@link From#RESIDENT}) or what an agent answered
 * ({@link From#AGENT}, with the agent's id), under the contact it belongs to.
 */
public record ConversationTurn(String contactId, From from, String agentId, String text, Instant at) {
    public enum From { RESIDENT, AGENT }
}
