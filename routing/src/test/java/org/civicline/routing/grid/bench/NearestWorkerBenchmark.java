package org.civicline.routing.grid.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.civicline.routing.grid.map.Distances;
import org.civicline.routing.grid.workers.NearestWorkers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nearest available worker among 50,000 spread over the 1,000-cell district (16 km × 8 km), a share of them
 * available; target ≤ 50 µs per query. The index cell is the configured default, 500 m.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NearestWorkerBenchmark {
    private static final int POINTS = 4096;

    /** Share of the workers on duty and free. */
    @Param({"0.3", "0.02"})
    public double available;

    private NearestWorkers<boolean[]> index;
    private final double[] lon = new double[POINTS];
    private final double[] lat = new double[POINTS];
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(5);
        index = new NearestWorkers<>(500 / Distances.metersOfDegrees(1));
        double width = 40 * SyntheticDistrict.CELL_LON;
        double height = 25 * SyntheticDistrict.CELL_LAT;
        for (int i = 0; i < 50_000; i++) {
            boolean[] free = {random.nextDouble() < available};
            index.put("w" + i, free, SyntheticDistrict.WEST + random.nextDouble() * width,
                    SyntheticDistrict.SOUTH + random.nextDouble() * height);
        }
        for (int i = 0; i < POINTS; i++) {
            lon[i] = SyntheticDistrict.WEST + random.nextDouble() * width;
            lat[i] = SyntheticDistrict.SOUTH + random.nextDouble() * height;
        }
    }

    @Benchmark
    public NearestWorkers.Found<boolean[]> nearestAvailable() {
        int i = next++ & (POINTS - 1);
        return index.nearest(lon[i], lat[i], free -> free[0]);
    }
}
