package org.civicline.routing.strategy;

import java.util.List;
import org.civicline.routing.engine.Seat;

/** The agent using the smallest share of their capacity; for chats, where agents hold several at once. */
public final class LeastOccupiedStrategy implements RoutingStrategy {
    @Override
    public Seat choose(List<Seat> candidates, List<String> skills) {
        Seat best = null;
        double bestOccupancy = Double.MAX_VALUE;
        for (Seat seat : candidates) {
            double occupancy = seat.occupancy();
            if (best == null || occupancy < bestOccupancy
                    || occupancy == bestOccupancy && LongestIdleStrategy.idleLonger(seat, best)) {
                best = seat;
                bestOccupancy = occupancy;
            }
        }
        return best;
    }
}
