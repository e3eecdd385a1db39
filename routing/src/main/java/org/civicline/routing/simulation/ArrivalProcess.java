package org.civicline.routing.simulation;

import java.util.random.RandomGenerator;

/** When the next contact of one channel arrives. One small class per workload shape. */
public interface ArrivalProcess {

    /**
     * @param afterMillis the previous arrival, in milliseconds since the start of the simulation
     * @return the next arrival, in milliseconds since the start
     */
    long next(long afterMillis, RandomGenerator random);

    /** Arrivals per hour on average over {@code [0, horizonMillis)}, for reports. */
    double meanRatePerHour(long horizonMillis);
}
