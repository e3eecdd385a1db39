package org.civicline.routing.simulation;

import org.civicline.core.model.Agent;

/** A simulated agent: the profile the router sees, how they behave, and the group compared for fairness. */
public record SimAgent(Agent profile, AgentBehaviour behaviour, String group) {
}
