package org.civicline.routing.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.civicline.routing.grid.map.Distances;
import org.civicline.routing.grid.workers.NearestWorkers;
import org.junit.jupiter.api.Test;

/** The spatial-hash search must choose exactly what a scan of every worker chooses. */
class NearestWorkersTest {

    static final class Worker {
        final String id;
        double lon;
        double lat;
        boolean available;

        Worker(String id) {
            this.id = id;
        }
    }

    @Test
    void nearestAvailableWorkerMatchesABruteForceScanOnRandomData() {
        Random random = new Random(20261123);
        for (double cell : new double[] {0.001, 0.0045, 0.05}) {
            NearestWorkers<Worker> index = new NearestWorkers<>(cell);
            List<Worker> all = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                Worker w = new Worker(String.format("w%05d", i));
                w.lon = 120.0 + random.nextDouble() * 0.12;
                w.lat = 30.2 + random.nextDouble() * 0.1;
                w.available = random.nextDouble() < 0.3;
                all.add(w);
                index.put(w.id, w, w.lon, w.lat);
            }
            for (int q = 0; q < 2_000; q++) {
                if (q % 10 == 0) { // workers walk, go on and off duty
                    Worker moved = all.get(random.nextInt(all.size()));
                    moved.lon += (random.nextDouble() - 0.5) * 0.01;
                    moved.lat += (random.nextDouble() - 0.5) * 0.01;
                    moved.available = !moved.available;
                    index.put(moved.id, moved, moved.lon, moved.lat);
                }
                // Queries inside, at the edge of and well outside the area where the workers are.
                double lon = 119.95 + random.nextDouble() * 0.22;
                double lat = 30.15 + random.nextDouble() * 0.2;
                var found = index.nearest(lon, lat, w -> w.available);
                Worker expected = bruteForce(all, lon, lat);
                assertThat(found).isNotNull();
                assertThat(found.meters()).as("query %d at %s,%s cell %s", q, lon, lat, cell)
                        .isEqualTo(Distances.meters(lon, lat, expected.lon, expected.lat));
                assertThat(found.id()).isEqualTo(expected.id);
            }
        }
    }

    @Test
    void nobodyEligibleMeansNoAnswerAndRemovedWorkersAreNotFound() {
        NearestWorkers<Worker> index = new NearestWorkers<>(0.005);
        Worker w = new Worker("only");
        index.put("only", w, 120.1, 30.25);
        assertThat(index.nearest(120.1, 30.25, x -> false)).isNull();
        index.remove("only");
        assertThat(index.nearest(120.1, 30.25, x -> true)).isNull();
        assertThat(index.size()).isZero();
    }

    private static Worker bruteForce(List<Worker> all, double lon, double lat) {
        Worker best = null;
        double bestMeters = Double.MAX_VALUE;
        for (Worker w : all) {
            double d = Distances.meters(lon, lat, w.lon, w.lat);
            if (w.available && (d < bestMeters || d == bestMeters && w.id.compareTo(best.id) < 0)) {
                best = w;
                bestMeters = d;
            }
        }
        return best;
    }
}
