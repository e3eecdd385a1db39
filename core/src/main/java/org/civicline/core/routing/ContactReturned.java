package org.civicline.core.routing;

/**
 * The contact did not reach the agent it was assigned to (the call could not be moved to the agent's phone, the
 * phone did not answer): it goes back to its place in the queue and the agent is not offered it again at once.
 */
public record ContactReturned(String contactId, String agentId, String reason) {
}
