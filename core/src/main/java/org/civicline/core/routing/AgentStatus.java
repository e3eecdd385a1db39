package org.civicline.core.routing;

import java.time.Instant;
import java.util.List;

/**
 * An agent's state as the router holds it; {@code until} is when a wrap-up ends, {@code extension} the PBX endpoint
 * that rings for the agent (for click-to-dial from the desk).
 */
public record AgentStatus(String agentId, Presence presence, String reason, Instant since, Instant until,
                          List<String> contactIds, String extension) {
    public AgentStatus {
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
    }
}
