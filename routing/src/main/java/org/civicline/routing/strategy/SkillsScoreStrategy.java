package org.civicline.routing.strategy;

import java.util.List;
import org.civicline.routing.engine.Seat;

/**
 * A weighted score: skill level counts most, but an agent idle for long can beat a slightly better one, so that
 * the experts are not worn out while others wait.
 */
public final class SkillsScoreStrategy implements RoutingStrategy {
    /** One skill level is worth this many seconds of idleness. */
    static final double SECONDS_PER_LEVEL = 60;

    @Override
    public Seat choose(List<Seat> candidates, List<String> skills) {
        long newestIdle = Long.MIN_VALUE;
        for (Seat seat : candidates) {
            newestIdle = Math.max(newestIdle, seat.idleSince());
        }
        Seat best = null;
        double bestScore = -Double.MAX_VALUE;
        for (Seat seat : candidates) {
            double idleSeconds = (newestIdle - seat.idleSince()) / 1000.0;
            double score = SkillLevels.sum(seat, skills) * SECONDS_PER_LEVEL + idleSeconds;
            if (best == null || score > bestScore || score == bestScore && seat.id().compareTo(best.id()) < 0) {
                best = seat;
                bestScore = score;
            }
        }
        return best;
    }
}
