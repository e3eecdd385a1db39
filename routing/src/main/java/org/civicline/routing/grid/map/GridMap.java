package org.civicline.routing.grid.map;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Which grid holds a point. The cells are in an STR-tree by bounding box; candidates are tested with their
 * indexed point-in-area locator.
 *
 * <p>Border rule: a point inside a cell belongs to that cell. A point on a border only (shared edge, corner, or the
 * district's outer edge) belongs to the cell with the lowest code among those whose border holds it, so every
 * point of the district has exactly one grid and the answer never depends on load order.
 */
public final class GridMap {
    private final STRtree tree = new STRtree();
    private final Map<String, GridShape> byCode = new LinkedHashMap<>();
    private final Map<String, List<String>> neighbours = new LinkedHashMap<>();

    /** @param shapes valid cells (see {@link GridValidator}); overlapping cells would make the answer arbitrary */
    public GridMap(Collection<GridShape> shapes) {
        for (GridShape shape : shapes) {
            byCode.put(shape.code(), shape);
            tree.insert(shape.polygon().getEnvelopeInternal(), shape);
        }
        tree.build();
        for (GridShape shape : byCode.values()) {
            List<String> touching = new ArrayList<>();
            for (Object o : tree.query(shape.polygon().getEnvelopeInternal())) {
                GridShape other = (GridShape) o;
                if (other != shape && other.polygon().intersects(shape.polygon())) {
                    touching.add(other.code());
                }
            }
            touching.sort(Comparator.naturalOrder());
            neighbours.put(shape.code(), List.copyOf(touching));
        }
    }

    /** The grid holding the point, empty outside every grid. */
    public Optional<GridShape> locate(double longitude, double latitude) {
        Coordinate point = new Coordinate(longitude, latitude);
        Finder finder = new Finder(point);
        tree.query(new Envelope(point), finder);
        return Optional.ofNullable(finder.inside != null ? finder.inside : finder.onBorder);
    }

    public Optional<GridShape> grid(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Cells sharing an edge or a corner with {@code code}, by code. */
    public List<String> neighbours(String code) {
        return neighbours.getOrDefault(code, List.of());
    }

    public Collection<GridShape> all() {
        return byCode.values();
    }

    public int size() {
        return byCode.size();
    }

    /** Visits the candidates of one lookup without building a result list. */
    private static final class Finder implements org.locationtech.jts.index.ItemVisitor {
        private final Coordinate point;
        private GridShape inside;
        private GridShape onBorder;

        Finder(Coordinate point) {
            this.point = point;
        }

        @Override
        public void visitItem(Object item) {
            if (inside != null) {
                return;
            }
            GridShape shape = (GridShape) item;
            int where = shape.locator().locate(point);
            if (where == Location.INTERIOR) {
                inside = shape;
            } else if (where == Location.BOUNDARY && (onBorder == null || shape.code().compareTo(onBorder.code()) < 0)) {
                onBorder = shape;
            }
        }
    }
}
