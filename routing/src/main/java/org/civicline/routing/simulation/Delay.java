package org.civicline.routing.simulation;

import java.util.random.RandomGenerator;

/** A random duration in milliseconds: handle times, answer delays, patience, breaks. */
public sealed interface Delay {

    long sampleMillis(RandomGenerator random);

    /** The mean in milliseconds, for reports. */
    double meanMillis();

    static Delay exponential(double meanSeconds) {
        return new Exponential(meanSeconds * 1000);
    }

    static Delay fixed(double seconds) {
        return new Fixed(Math.round(seconds * 1000));
    }

    static Delay uniform(double fromSeconds, double toSeconds) {
        return new Uniform(Math.round(fromSeconds * 1000), Math.round(toSeconds * 1000));
    }

    /** Memoryless, as in M/M/N. Rounded to the millisecond, the router's resolution. */
    record Exponential(double meanMillis) implements Delay {
        @Override
        public long sampleMillis(RandomGenerator random) {
            return Math.round(-meanMillis * Math.log(1 - random.nextDouble()));
        }
    }

    record Fixed(long millis) implements Delay {
        @Override
        public long sampleMillis(RandomGenerator random) {
            return millis;
        }

        @Override
        public double meanMillis() {
            return millis;
        }
    }

    record Uniform(long fromMillis, long toMillis) implements Delay {
        @Override
        public long sampleMillis(RandomGenerator random) {
            return fromMillis == toMillis ? fromMillis : random.nextLong(fromMillis, toMillis + 1);
        }

        @Override
        public double meanMillis() {
            return (fromMillis + toMillis) / 2.0;
        }
    }
}
