package org.civicline.routing.simulation;

import java.util.random.RandomGenerator;

/**
 * A steady stream with one surge, as after a water-main break is on the evening news: Poisson at {@code perHour},
 * times {@code factor} from {@code burstStartSeconds} for {@code burstSeconds}. Drawn by thinning.
 */
public record BurstArrivals(double perHour, double factor, long burstStartSeconds, long burstSeconds)
        implements ArrivalProcess {

    public BurstArrivals {
        if (!(perHour > 0) || !(factor >= 1) || burstSeconds < 0) {
            throw new IllegalArgumentException("a burst needs a positive rate, a factor of at least 1 and a length");
        }
    }

    private boolean inBurst(long millis) {
        return millis >= burstStartSeconds * 1000 && millis < (burstStartSeconds + burstSeconds) * 1000;
    }

    @Override
    public long next(long afterMillis, RandomGenerator random) {
        double peak = perHour * factor;
        long t = afterMillis;
        while (true) {
            t += Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * 3_600_000.0 / peak));
            double rate = inBurst(t) ? peak : perHour;
            if (random.nextDouble() * peak < rate) {
                return t;
            }
        }
    }

    @Override
    public double meanRatePerHour(long horizonMillis) {
        long start = Math.min(burstStartSeconds * 1000, horizonMillis);
        long end = Math.min((burstStartSeconds + burstSeconds) * 1000, horizonMillis);
        return perHour * (1 + (factor - 1) * (end - start) / (double) Math.max(1, horizonMillis));
    }
}
