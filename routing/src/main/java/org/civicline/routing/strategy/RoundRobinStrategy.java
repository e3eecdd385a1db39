package org.civicline.routing.strategy;

import java.util.List;
import org.civicline.routing.engine.Seat;

/** Agents in turn by id, starting after the one chosen last time; for letters, where fairness beats speed. */
public final class RoundRobinStrategy implements RoutingStrategy {
    private String last = "";

    @Override
    public Seat choose(List<Seat> candidates, List<String> skills) {
        Seat next = null;
        Seat first = null;
        for (Seat seat : candidates) {
            if (first == null || seat.id().compareTo(first.id()) < 0) {
                first = seat;
            }
            if (seat.id().compareTo(last) > 0 && (next == null || seat.id().compareTo(next.id()) < 0)) {
                next = seat;
            }
        }
        Seat chosen = next != null ? next : first;
        last = chosen.id();
        return chosen;
    }
}
