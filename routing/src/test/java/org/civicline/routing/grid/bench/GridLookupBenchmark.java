package org.civicline.routing.grid.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.civicline.routing.grid.map.GridMap;
import org.civicline.routing.grid.map.GridShape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Point-to-grid over 1,000 cells (40 × 25); target ≤ 5 µs per lookup. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GridLookupBenchmark {
    private static final int POINTS = 4096;
    private GridMap map;
    private final double[] lon = new double[POINTS];
    private final double[] lat = new double[POINTS];
    private int next;

    @Setup
    public void setUp() {
        var cells = SyntheticDistrict.cells(40, 25, 7);
        map = new GridMap(cells);
        Random random = new Random(11);
        for (int i = 0; i < POINTS; i++) {
            // Mostly inside, some beyond the district's edge.
            lon[i] = SyntheticDistrict.WEST - 0.005 + random.nextDouble() * (40 * SyntheticDistrict.CELL_LON + 0.01);
            lat[i] = SyntheticDistrict.SOUTH - 0.005 + random.nextDouble() * (25 * SyntheticDistrict.CELL_LAT + 0.01);
        }
        if (map.size() != 1000) {
            throw new IllegalStateException("expected 1000 cells, got " + map.size());
        }
    }

    @Benchmark
    public GridShape locate() {
        int i = next++ & (POINTS - 1);
        return map.locate(lon[i], lat[i]).orElse(null);
    }
}
