package org.civicline.core.channels;

/** An agent answers the resident of contact {@code contactId} in the same channel. */
public record AgentReply(String contactId, String agentId, String text) {
}
