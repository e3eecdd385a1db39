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
}
