package org.civicline.routing.strategy;

import java.util.List;
import org.civicline.routing.engine.Seat;

/** The default: among the agents with the best level in the needed skills, the one idle longest. */
public final class LongestIdleStrategy implements RoutingStrategy {
    @Override
    public Seat choose(List<Seat> candidates, List<String> skills) {
        Seat best = null;
        int bestLevel = Integer.MIN_VALUE;
        for (Seat seat : candidates) {
            int level = SkillLevels.sum(seat, skills);
            if (best == null || level > bestLevel || level == bestLevel && idleLonger(seat, best)) {
                best = seat;
                bestLevel = level;
            }
        }
        return best;
    }

    @Override
    public boolean choosesFirstByLevelThenIdle() {
        return true;
    }

    static boolean idleLonger(Seat a, Seat b) {
        return a.idleSince() < b.idleSince() || a.idleSince() == b.idleSince() && a.id().compareTo(b.id()) < 0;
    }
}
