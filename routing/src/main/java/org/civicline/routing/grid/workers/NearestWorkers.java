package org.civicline.routing.grid.workers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.civicline.routing.grid.map.Distances;

/**
 * Positions of many workers in a spatial hash of square cells, so a position update is O(1) and the nearest search
 * looks at rings of cells around the place, stopping as soon as no farther ring can hold anyone nearer.
 *
 * @param <T> what is kept per worker
 */
public final class NearestWorkers<T> {
    private final double cellDegrees;
    private final Map<Long, List<Entry<T>>> cells = new HashMap<>();
    private final Map<String, Entry<T>> byId = new HashMap<>();
    private int minX = Integer.MAX_VALUE;
    private int maxX = Integer.MIN_VALUE;
    private int minY = Integer.MAX_VALUE;
    private int maxY = Integer.MIN_VALUE;

    /** @param cellDegrees side of a hash cell; about the distance between neighbouring workers works best */
    public NearestWorkers(double cellDegrees) {
        if (!(cellDegrees > 0)) {
            throw new IllegalArgumentException("cellDegrees must be positive");
        }
        this.cellDegrees = cellDegrees;
    }

    /** One worker's place in the hash. */
    public static final class Entry<T> {
        final String id;
        final T value;
        double longitude;
        double latitude;
        long cell;

        Entry(String id, T value) {
            this.id = id;
            this.value = value;
        }
    }

    /** A worker found, and how far away. */
    public record Found<T>(String id, T value, double meters) {
    }

    public void put(String id, T value, double longitude, double latitude) {
        Entry<T> entry = byId.get(id);
        if (entry != null && entry.value != value) {
            remove(id);
            entry = null;
        }
        if (entry == null) {
            entry = new Entry<>(id, value);
            byId.put(id, entry);
        } else {
            cells.get(entry.cell).remove(entry);
        }
        int x = cellOf(longitude);
        int y = cellOf(latitude);
        entry.longitude = longitude;
        entry.latitude = latitude;
        entry.cell = key(x, y);
        cells.computeIfAbsent(entry.cell, k -> new ArrayList<>()).add(entry);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
    }

    public void remove(String id) {
        Entry<T> entry = byId.remove(id);
        if (entry != null) {
            cells.get(entry.cell).remove(entry);
        }
    }

    public int size() {
        return byId.size();
    }

    /**
     * The nearest worker that {@code eligible} accepts; ties go to the smaller id so the answer is reproducible.
     * Null when nobody is eligible.
     */
    public Found<T> nearest(double longitude, double latitude, Predicate<T> eligible) {
        if (byId.isEmpty()) {
            return null;
        }
        double cosLat = Math.cos(Math.toRadians(latitude));
        int cx = cellOf(longitude);
        int cy = cellOf(latitude);
        int lastRing = Math.max(Math.max(cx - minX, maxX - cx), Math.max(cy - minY, maxY - cy));
        // Any cell of ring r+1 is at least r whole cells away along one axis; longitude shrinks with cos(latitude).
        double ringMeters = Distances.metersOfDegrees(cellDegrees) * Math.min(1, cosLat);
        Entry<T> best = null;
        double bestMeters = Double.MAX_VALUE;
        for (int r = 0; r <= lastRing; r++) {
            for (int x = cx - r; x <= cx + r; x++) {
                boolean edgeColumn = x == cx - r || x == cx + r;
                for (int y = cy - r; y <= cy + r; y += edgeColumn || r == 0 ? 1 : 2 * r) {
                    List<Entry<T>> cell = cells.get(key(x, y));
                    if (cell == null) {
                        continue;
                    }
                    for (int i = 0, n = cell.size(); i < n; i++) {
                        Entry<T> e = cell.get(i);
                        double d = Distances.meters(longitude, latitude, cosLat, e.longitude, e.latitude);
                        if ((d < bestMeters || d == bestMeters && best != null && e.id.compareTo(best.id) < 0)
                                && eligible.test(e.value)) {
                            best = e;
                            bestMeters = d;
                        }
                    }
                }
            }
            if (best != null && bestMeters <= r * ringMeters) {
                break;
            }
        }
        return best == null ? null : new Found<>(best.id, best.value, bestMeters);
    }

    private int cellOf(double degrees) {
        return (int) Math.floor(degrees / cellDegrees);
    }

    private static long key(int x, int y) {
        return ((long) x << 32) | (y & 0xffffffffL);
    }
}
