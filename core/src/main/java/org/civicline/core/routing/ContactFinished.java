package org.civicline.core.routing;

/** The agent is done with the contact (hung up, closed the chat); the agent's wrap-up starts. */
public record ContactFinished(String contactId, String agentId) {
}
