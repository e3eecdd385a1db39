package org.civicline.routing.grid.http;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicline.core.json.Jsons;
import org.civicline.routing.grid.map.GridMap;
import org.civicline.routing.grid.map.GridShape;

/**
 * The district's cells as one GeoJSON FeatureCollection, for maps that draw the grid without any tile server (an
 * intranet). Written once: the cells never change while the node runs, so every request sends the same bytes.
 */
final class GridGeoJson {
    private GridGeoJson() {
    }

    static String of(GridMap map) {
        List<Map<String, Object>> features = map.all().stream().sorted(Comparator.comparing(GridShape::code))
                .map(GridGeoJson::feature).toList();
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", features);
        return Jsons.write(collection);
    }

    private static Map<String, Object> feature(GridShape g) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("code", g.code());
        properties.put("name", g.grid().name());
        properties.put("community", g.grid().community());
        properties.put("street", g.grid().street());
        properties.put("workerIds", g.grid().workerIds());
        properties.put("supervisorId", g.grid().supervisorId());
        // The polygon's own ring: the loader closed and checked it, whatever the file's boundary list held.
        List<double[]> ring = java.util.Arrays.stream(g.polygon().getExteriorRing().getCoordinates())
                .map(c -> new double[] {c.x, c.y}).toList();
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("properties", properties);
        feature.put("geometry", Map.of("type", "Polygon", "coordinates", List.of(ring)));
        return feature;
    }
}
