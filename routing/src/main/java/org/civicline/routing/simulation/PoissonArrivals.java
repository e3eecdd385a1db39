package org.civicline.routing.simulation;

import java.util.random.RandomGenerator;

/** A steady stream: exponential gaps at a fixed rate. */
public record PoissonArrivals(double perHour) implements ArrivalProcess {

    public PoissonArrivals {
        if (!(perHour > 0)) {
            throw new IllegalArgumentException("a Poisson rate must be positive, got " + perHour);
        }
    }

    public static PoissonArrivals perInterval(double calls, double intervalSeconds) {
        return new PoissonArrivals(calls * 3600.0 / intervalSeconds);
    }

    @Override
    public long next(long afterMillis, RandomGenerator random) {
        double gapMillis = -Math.log(1 - random.nextDouble()) * 3_600_000.0 / perHour;
        return afterMillis + Math.max(1, Math.round(gapMillis));
    }

    @Override
    public double meanRatePerHour(long horizonMillis) {
        return perHour;
    }
}
