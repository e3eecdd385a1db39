package org.civicline.routing.stats;

import java.time.Instant;
import org.civicline.core.model.Channel;

/**
 * One row of the interval report; see the README for the definitions.
 *
 * @param channel          null in a row that totals every channel
 * @param serviceLevel     answered within the target / (answered + abandoned); null when neither happened
 * @param asaSeconds       average speed of answer: mean wait of the answered
 * @param ahtSeconds       average handle time: (talk + wrap-up) / handled
 * @param abandonmentRate  abandoned / offered
 * @param occupancy        agents' busy time (talk + wrap-up) / staffed time (ready, busy, wrap-up); totals only
 */
public record IntervalReport(
        Instant from,
        Instant to,
        Channel channel,
        long offered,
        long answered,
        long abandoned,
        Double serviceLevel,
        Double asaSeconds,
        Double ahtSeconds,
        Double abandonmentRate,
        Double occupancy) {

    static IntervalReport of(Instant from, Instant to, Channel channel, IntervalCounters c, Double occupancy) {
        long resolved = c.answered + c.abandoned;
        return new IntervalReport(from, to, channel, c.offered, c.answered, c.abandoned,
                resolved == 0 ? null : round((double) c.answeredWithinTarget / resolved),
                c.answered == 0 ? null : round(c.waitMillisOfAnswered / 1000.0 / c.answered),
                c.handled == 0 ? null : round((c.handleMillis + c.wrapUpMillis) / 1000.0 / c.handled),
                c.offered == 0 ? null : round((double) c.abandoned / c.offered),
                occupancy);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
