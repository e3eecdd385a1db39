package org.civicline.core.routing;

import java.time.Instant;

/** Something a duty chief (值班长) must see: a contact waiting past its escalation time, an agent auto-paused. */
public record SupervisorAlert(String kind, String contactId, String agentId, String message, Instant at) {
}
