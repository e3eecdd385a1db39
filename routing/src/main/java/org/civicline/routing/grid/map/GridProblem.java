package org.civicline.routing.grid.map;

/**
 * Something wrong with a grid file, named by grid code (or {@code features[i]} when the code itself is unusable).
 */
public record GridProblem(String grid, Kind kind, String message) {

    public enum Kind { INVALID_FEATURE, INVALID_RING, DUPLICATE_CODE, OVERLAP, GAP, UNKNOWN_WORKER }

    @Override
    public String toString() {
        return grid + " " + kind + ": " + message;
    }
}
