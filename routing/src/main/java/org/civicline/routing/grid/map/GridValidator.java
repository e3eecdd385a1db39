package org.civicline.routing.grid.map;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Dimension;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Checks cells against each other: two cells whose interiors meet overlap (touching edges is fine); a hole enclosed by
 * cells is a gap, reported with the cells around it. The district's outer outline is not judged: it is whatever the
 * cells cover.
 */
public final class GridValidator {
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private GridValidator() {
    }

    public static List<GridProblem> validate(List<GridShape> shapes) {
        STRtree tree = new STRtree();
        shapes.forEach(s -> tree.insert(s.polygon().getEnvelopeInternal(), s));
        List<GridProblem> problems = new ArrayList<>(overlaps(shapes, tree));
        problems.addAll(gaps(shapes, tree));
        return problems;
    }

    private static List<GridProblem> overlaps(List<GridShape> shapes, STRtree tree) {
        List<GridProblem> problems = new ArrayList<>();
        for (GridShape a : shapes) {
            for (Object o : tree.query(a.polygon().getEnvelopeInternal())) {
                GridShape b = (GridShape) o;
                if (a.code().compareTo(b.code()) >= 0) {
                    continue; // each pair once
                }
                if (a.polygon().relate(b.polygon()).get(Location.INTERIOR, Location.INTERIOR) == Dimension.A) {
                    double area = squareMeters(a.polygon().intersection(b.polygon()));
                    problems.add(new GridProblem(a.code(), GridProblem.Kind.OVERLAP, "overlaps " + b.code()
                            + " by about " + Math.round(area) + " m²"));
                }
            }
        }
        return problems;
    }

    private static List<GridProblem> gaps(List<GridShape> shapes, STRtree tree) {
        if (shapes.isEmpty()) {
            return List.of();
        }
        Geometry union = UnaryUnionOp.union(shapes.stream().map(s -> (Geometry) s.polygon()).toList());
        List<GridProblem> problems = new ArrayList<>();
        for (int i = 0; i < union.getNumGeometries(); i++) {
            Polygon part = (Polygon) union.getGeometryN(i);
            for (int h = 0; h < part.getNumInteriorRing(); h++) {
                Polygon hole = GEOMETRY.createPolygon(part.getInteriorRingN(h).getCoordinates());
                List<String> around = new ArrayList<>();
                for (Object o : tree.query(hole.getEnvelopeInternal())) {
                    GridShape s = (GridShape) o;
                    if (s.polygon().intersects(hole)) {
                        around.add(s.code());
                    }
                }
                around.sort(null);
                var inside = hole.getInteriorPoint();
                problems.add(new GridProblem(around.isEmpty() ? "district" : around.get(0), GridProblem.Kind.GAP,
                        "gap of about " + Math.round(squareMeters(hole)) + " m² at [" + inside.getX() + ", "
                                + inside.getY() + "] between " + around.stream().collect(Collectors.joining(", "))));
            }
        }
        return problems;
    }

    /** Area in m², scaled at the geometry's latitude; good enough to say how big a problem is. */
    static double squareMeters(Geometry g) {
        double lat = g.getEnvelopeInternal().centre().y;
        double perDegree = Distances.metersOfDegrees(1);
        return g.getArea() * perDegree * perDegree * Math.cos(Math.toRadians(lat));
    }
}
