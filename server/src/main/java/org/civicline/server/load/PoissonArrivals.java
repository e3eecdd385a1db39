package org.civicline.server.load;

import java.util.Random;

/** Arrivals of a Poisson process: independent, exponentially distributed gaps with mean 1/rate. */
public final class PoissonArrivals implements ArrivalProcess {
    private final double meanGapNanos;
    private final Random random;
    private double at;

    public PoissonArrivals(double perSecond, Random random) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + perSecond);
        }
        this.meanGapNanos = 1e9 / perSecond;
        this.random = random;
    }

    @Override
    public long nextArrivalNanos() {
        // 1 - u lies in (0, 1]: the logarithm is finite.
        at += -Math.log(1.0 - random.nextDouble()) * meanGapNanos;
        return (long) at;
    }
}
