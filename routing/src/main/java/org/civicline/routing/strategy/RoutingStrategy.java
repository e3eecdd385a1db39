package org.civicline.routing.strategy;

import java.util.List;
import org.civicline.routing.engine.Seat;

/** Chooses which of the agents who could take a contact gets the offer. One small class per rule. */
public interface RoutingStrategy {

    /**
     * @param candidates agents who are ready, have room, and have every needed skill; never empty
     * @param skills     the skills the contact needs at its current step (may be empty)
     */
    Seat choose(List<Seat> candidates, List<String> skills);

    /**
     * True when {@link #choose} always picks the first candidate in the order "highest level in the one needed skill,
     * then longest idle, then id" (with no skill needed: longest idle, then id). The router then walks a set kept in
     * that order instead of collecting every ready agent: a decision stays cheap with a thousand agents idle.
     */
    default boolean choosesFirstByLevelThenIdle() {
        return false;
    }
}
