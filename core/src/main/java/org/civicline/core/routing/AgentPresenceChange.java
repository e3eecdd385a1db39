package org.civicline.core.routing;

/** An agent asks to change presence (ready, break with a reason, sign out) or sends a heartbeat ({@code null}). */
public record AgentPresenceChange(String agentId, Presence presence, String reason) {
}
