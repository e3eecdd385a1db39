package org.civicline.routing.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.civicline.routing.grid.map.GridMap;
import org.civicline.routing.grid.map.GridShape;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/** Point-in-grid on the generated district's real, irregular cells. */
class GridMapTest {
    private final GridMap map = DemoDistrict.data().map();

    @Test
    void theDemoDistrictHasAtLeast200CellsWith15DigitCodesCommunitiesAndWorkers() {
        assertThat(map.size()).isGreaterThanOrEqualTo(200);
        assertThat(map.all()).allSatisfy(g -> {
            assertThat(g.code()).matches("\\d{15}");
            assertThat(g.grid().community()).endsWith("社区");
            assertThat(g.grid().street()).endsWith("街道");
            assertThat(g.grid().workerIds()).isNotEmpty();
            assertThat(g.grid().supervisorId()).isNotNull();
        });
    }

    @Test
    void aPointInsideACellIsInThatCell() {
        for (GridShape g : map.all()) {
            assertThat(map.locate(g.center().longitude(), g.center().latitude())).map(GridShape::code)
                    .contains(g.code());
        }
    }

    @Test
    void aPointOnAnEdgeSharedByTwoCellsBelongsToTheLowerCode() {
        GridShape a = map.all().iterator().next();
        String neighbour = map.neighbours(a.code()).get(0);
        GridShape b = map.grid(neighbour).orElseThrow();
        var shared = a.polygon().intersection(b.polygon());
        assertThat(shared.getDimension()).as("cells %s and %s share an edge", a.code(), b.code()).isEqualTo(1);
        Coordinate[] edge = shared.getCoordinates();
        double lon = (edge[0].x + edge[1].x) / 2;
        double lat = (edge[0].y + edge[1].y) / 2;
        String lower = a.code().compareTo(b.code()) < 0 ? a.code() : b.code();
        assertThat(map.locate(lon, lat)).map(GridShape::code).contains(lower);
    }

    @Test
    void aCornerSharedByFourCellsBelongsToTheLowestOfThem() {
        for (GridShape g : map.all()) {
            for (Coordinate corner : g.polygon().getExteriorRing().getCoordinates()) {
                List<String> holders = map.all().stream()
                        .filter(o -> o.locator().locate(corner) != org.locationtech.jts.geom.Location.EXTERIOR)
                        .map(GridShape::code).sorted().toList();
                assertThat(map.locate(corner.x, corner.y)).map(GridShape::code).contains(holders.get(0));
            }
        }
    }

    @Test
    void aPointOnTheDistrictsOuterBorderBelongsToTheCellItBounds() {
        // The district's west edge is the straight line longitude 120.100.
        var found = map.locate(120.100, 30.2516);
        assertThat(found).isPresent();
        assertThat(found.get().polygon().getEnvelopeInternal().getMinX()).isEqualTo(120.100);
    }

    @Test
    void pointsOutsideEveryCellHaveNoGrid() {
        assertThat(map.locate(120.0999, 30.26)).isEmpty();
        assertThat(map.locate(120.2, 30.26)).isEmpty();
        assertThat(map.locate(0, 0)).isEmpty();
    }

    @Test
    void neighboursShareAnEdgeOrCornerAndInnerCellsHaveEight() {
        long inner = map.all().stream().filter(g -> map.neighbours(g.code()).size() == 8).count();
        assertThat(inner).isEqualTo(18L * 10);
        map.all().forEach(g -> assertThat(map.neighbours(g.code())).doesNotContain(g.code()));
    }
}
