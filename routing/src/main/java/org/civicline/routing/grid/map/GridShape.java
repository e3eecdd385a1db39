package org.civicline.routing.grid.map;

import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Grid;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** A grid cell with its geometry; the locator answers point-in-polygon in O(log n) of the ring's edges. */
public record GridShape(Grid grid, Polygon polygon, IndexedPointInAreaLocator locator, GeoPoint center) {

    public static GridShape of(Grid grid, Polygon polygon) {
        // The interior point is inside even for concave cells, unlike the centroid.
        Point inside = polygon.getInteriorPoint();
        return new GridShape(grid, polygon, new IndexedPointInAreaLocator(polygon),
                new GeoPoint(inside.getX(), inside.getY()));
    }

    public String code() {
        return grid.code();
    }
}
