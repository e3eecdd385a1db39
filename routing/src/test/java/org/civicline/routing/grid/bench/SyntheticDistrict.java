package org.civicline.routing.grid.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.civicline.core.model.Grid;
import org.civicline.routing.grid.map.GridShape;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/** A district of {@code cols × rows} irregular quadrilateral cells sharing their corners, like the demo district. */
final class SyntheticDistrict {
    static final double WEST = 120.0;
    static final double SOUTH = 30.2;
    static final double CELL_LON = 0.004;
    static final double CELL_LAT = 0.0032;

    private SyntheticDistrict() {
    }

    static List<GridShape> cells(int cols, int rows, long seed) {
        Random random = new Random(seed);
        Coordinate[][] corners = new Coordinate[cols + 1][rows + 1];
        for (int i = 0; i <= cols; i++) {
            for (int j = 0; j <= rows; j++) {
                double x = WEST + i * CELL_LON + (i > 0 && i < cols ? (random.nextDouble() - 0.5) * 0.44 * CELL_LON : 0);
                double y = SOUTH + j * CELL_LAT + (j > 0 && j < rows ? (random.nextDouble() - 0.5) * 0.44 * CELL_LAT : 0);
                corners[i][j] = new Coordinate(x, y);
            }
        }
        GeometryFactory geometry = new GeometryFactory();
        List<GridShape> shapes = new ArrayList<>();
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < rows; j++) {
                var polygon = geometry.createPolygon(new Coordinate[] {corners[i][j], corners[i + 1][j],
                        corners[i + 1][j + 1], corners[i][j + 1], corners[i][j]});
                String code = String.format("330106%03d%03d%03d", i / 10 + 1, j / 5 + 1, (i % 10) * 5 + j % 5 + 1);
                shapes.add(GridShape.of(new Grid(code, code, "社区", "街道", List.of(), List.of(), null), polygon));
            }
        }
        return shapes;
    }
}
