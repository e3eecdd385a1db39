package org.civicline.routing.grid.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Grid;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Reads grid cells from a GeoJSON FeatureCollection of Polygons whose properties are {@code code} (15 digits),
 * {@code name}, {@code community}, {@code street}, {@code workerIds} and {@code supervisorId}. Each feature is checked
 * on its own (fields, ring closure, ring size, self-intersection); cross-cell checks are {@link GridValidator}'s.
 */
public final class GeoJsonGrids {
    public static final int MAX_FEATURES = 20_000;
    public static final int MAX_RING_POSITIONS = 10_000;
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private GeoJsonGrids() {
    }

    /** Cells that passed their own checks, and the problems of those that did not. */
    public record Parsed(List<GridShape> shapes, List<GridProblem> problems) {
    }

    public static Parsed parse(byte[] json) {
        JsonNode root;
        try {
            root = Jsons.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return failed("file", "not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return failed("file", "unreadable: " + e.getMessage());
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            return failed("file", "expected a GeoJSON FeatureCollection");
        }
        JsonNode features = root.path("features");
        if (!features.isArray()) {
            return failed("file", "features: expected an array");
        }
        if (features.size() > MAX_FEATURES) {
            return failed("file", "features: at most " + MAX_FEATURES + " cells, got " + features.size());
        }
        List<GridShape> shapes = new ArrayList<>();
        List<GridProblem> problems = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            String code = feature.path("properties").path("code").asText("");
            String name = code.matches("\\d{15}") ? code : "features[" + i + "]";
            int before = problems.size();
            GridShape shape = feature(feature, name, problems);
            if (shape == null || problems.size() > before) {
                continue;
            }
            if (!codes.add(code)) {
                problems.add(new GridProblem(code, GridProblem.Kind.DUPLICATE_CODE, "code is used by another feature"));
                continue;
            }
            shapes.add(shape);
        }
        return new Parsed(List.copyOf(shapes), List.copyOf(problems));
    }

    private static GridShape feature(JsonNode feature, String name, List<GridProblem> problems) {
        JsonNode p = feature.path("properties");
        String code = p.path("code").asText("");
        if (!code.matches("\\d{15}")) {
            problems.add(invalid(name, "properties.code: expected 15 digits (6 district + 3 street + 3 community"
                    + " + 3 sequence), got '" + shorten(code) + "'"));
        }
        String community = text(p, "community", name, problems);
        String street = text(p, "street", name, problems);
        String gridName = p.path("name").isTextual() ? p.path("name").asText() : code;
        List<String> workers = new ArrayList<>();
        JsonNode workerIds = p.path("workerIds");
        if (!workerIds.isMissingNode() && !workerIds.isArray()) {
            problems.add(invalid(name, "properties.workerIds: expected an array of worker ids"));
        }
        workerIds.forEach(w -> workers.add(w.asText()));
        String supervisor = p.path("supervisorId").isTextual() ? p.path("supervisorId").asText() : null;
        JsonNode geometry = feature.path("geometry");
        if (!"Polygon".equals(geometry.path("type").asText())) {
            problems.add(invalid(name, "geometry.type: expected Polygon, got '"
                    + shorten(geometry.path("type").asText()) + "'"));
            return null;
        }
        Polygon polygon = polygon(geometry.path("coordinates"), name, problems);
        if (polygon == null || !code.matches("\\d{15}") || community == null || street == null) {
            return null;
        }
        List<GeoPoint> boundary = new ArrayList<>();
        for (Coordinate c : polygon.getExteriorRing().getCoordinates()) {
            boundary.add(new GeoPoint(c.x, c.y));
        }
        return GridShape.of(new Grid(code, gridName, community, street, boundary, workers, supervisor), polygon);
    }

    private static Polygon polygon(JsonNode rings, String name, List<GridProblem> problems) {
        if (!rings.isArray() || rings.isEmpty()) {
            problems.add(ring(name, "geometry.coordinates: expected an array of rings"));
            return null;
        }
        LinearRing[] built = new LinearRing[rings.size()];
        for (int r = 0; r < rings.size(); r++) {
            String field = "geometry.coordinates[" + r + "]";
            JsonNode ring = rings.get(r);
            if (!ring.isArray() || ring.size() < 4 || ring.size() > MAX_RING_POSITIONS) {
                problems.add(ring(name, field + ": a ring needs 4 to " + MAX_RING_POSITIONS
                        + " positions, got " + (ring.isArray() ? ring.size() : "no array")));
                return null;
            }
            Coordinate[] coordinates = new Coordinate[ring.size()];
            for (int i = 0; i < ring.size(); i++) {
                JsonNode position = ring.get(i);
                if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber()
                        || !position.get(1).isNumber()) {
                    problems.add(ring(name, field + "[" + i + "]: expected [longitude, latitude]"));
                    return null;
                }
                double lon = position.get(0).asDouble();
                double lat = position.get(1).asDouble();
                if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
                    problems.add(ring(name, field + "[" + i + "]: out of range [" + lon + ", " + lat + "]"));
                    return null;
                }
                coordinates[i] = new Coordinate(lon, lat);
            }
            if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
                problems.add(ring(name, field + ": not closed (the last position must repeat the first)"));
                return null;
            }
            built[r] = GEOMETRY.createLinearRing(coordinates);
        }
        LinearRing[] holes = java.util.Arrays.copyOfRange(built, 1, built.length);
        Polygon polygon = GEOMETRY.createPolygon(built[0], holes);
        TopologyValidationError error = new IsValidOp(polygon).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            problems.add(ring(name, error.getMessage() + (at == null ? "" : " at [" + at.x + ", " + at.y + "]")));
            return null;
        }
        return polygon;
    }

    private static String text(JsonNode properties, String field, String name, List<GridProblem> problems) {
        JsonNode value = properties.path(field);
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 100) {
            problems.add(invalid(name, "properties." + field + ": expected a name of 1 to 100 characters"));
            return null;
        }
        return value.asText();
    }

    private static GridProblem invalid(String name, String message) {
        return new GridProblem(name, GridProblem.Kind.INVALID_FEATURE, message);
    }

    private static GridProblem ring(String name, String message) {
        return new GridProblem(name, GridProblem.Kind.INVALID_RING, message);
    }

    private static Parsed failed(String where, String message) {
        return new Parsed(List.of(), List.of(new GridProblem(where, GridProblem.Kind.INVALID_FEATURE, message)));
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
