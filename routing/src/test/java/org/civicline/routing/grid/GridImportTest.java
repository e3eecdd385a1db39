package org.civicline.routing.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.civicline.routing.grid.map.GeoJsonGrids;
import org.civicline.routing.grid.map.GridImportCommand;
import org.civicline.routing.grid.map.GridProblem;
import org.civicline.routing.grid.map.GridValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import command: overlaps, gaps and broken rings are refused and named by grid code. */
class GridImportTest {

    @Test
    void theGeneratedDistrictImportsWithoutProblems() {
        Output out = new Output();
        int status = GridImportCommand.run(new String[] {
                DemoDistrict.CONFIG.resolve("grids/demo-district.geojson").toString(),
                DemoDistrict.CONFIG.resolve("grids/workers.json").toString()}, out.stream);
        assertThat(status).as(out.text()).isZero();
        assertThat(out.text()).contains("OK: 240 valid grids in 16 communities and 4 streets");
    }

    @Test
    void overlappingCellsAreRejectedNamingBothCodes(@TempDir Path dir) throws Exception {
        Path file = write(dir, cell("330106001001001", 0, 0, 2, 2), cell("330106001001002", 1, 1, 3, 3),
                cell("330106001001003", 2, 0, 3, 1));
        Output out = new Output();
        assertThat(GridImportCommand.run(new String[] {file.toString()}, out.stream)).isEqualTo(1);
        assertThat(out.text()).contains("330106001001001 OVERLAP: overlaps 330106001001002 by about");
        // Cells that only touch are not overlaps.
        assertThat(out.text()).doesNotContain("330106001001003 OVERLAP").doesNotContain("overlaps 330106001001003");
    }

    @Test
    void aHoleEnclosedByCellsIsAGapNamedByTheCellsAroundIt() {
        StringBuilder features = new StringBuilder();
        int seq = 0;
        for (int x = 0; x < 3; x++) {
            for (int y = 0; y < 3; y++) {
                if (x == 1 && y == 1) {
                    continue; // the missing middle cell
                }
                features.append(features.length() == 0 ? "" : ",").append(cell(String.format("330106001001%03d",
                        ++seq), x, y, x + 1, y + 1));
            }
        }
        var parsed = GeoJsonGrids.parse(collection(features.toString()).getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.problems()).isEmpty();
        List<GridProblem> problems = GridValidator.validate(parsed.shapes());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(GridProblem.Kind.GAP);
            assertThat(p.grid()).isEqualTo("330106001001001");
            assertThat(p.message()).contains("330106001001008");
        });
    }

    @Test
    void brokenRingsAndFieldsAreReportedWithTheGridCode() {
        String bowTie = feature("330106001001001", "[[[120.1,30.2],[120.11,30.21],[120.11,30.2],[120.1,30.21],"
                + "[120.1,30.2]]]");
        String open = feature("330106001001002", "[[[120.2,30.2],[120.21,30.2],[120.21,30.21],[120.2,30.21]]]");
        String tiny = feature("330106001001003", "[[[120.3,30.2],[120.31,30.2],[120.3,30.2]]]");
        String badCode = feature("33010600100", "[[[120.4,30.2],[120.41,30.2],[120.41,30.21],[120.4,30.2]]]");
        String twice = cell("330106001001005", 10, 10, 11, 11) + "," + cell("330106001001005", 12, 12, 13, 13);
        var parsed = GeoJsonGrids.parse(collection(String.join(",", bowTie, open, tiny, badCode, twice))
                .getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.problems()).extracting(GridProblem::toString).anySatisfy(s -> assertThat(s)
                .startsWith("330106001001001 INVALID_RING: Self-intersection"))
                .anySatisfy(s -> assertThat(s).startsWith("330106001001002 INVALID_RING")
                        .contains("not closed"))
                .anySatisfy(s -> assertThat(s).startsWith("330106001001003 INVALID_RING")
                        .contains("4 to"))
                .anySatisfy(s -> assertThat(s).startsWith("features[3] INVALID_FEATURE: properties.code"))
                .anySatisfy(s -> assertThat(s).isEqualTo("330106001001005 DUPLICATE_CODE: code is used by another"
                        + " feature"));
        assertThat(parsed.shapes()).extracting(s -> s.code()).containsExactly("330106001001005");
    }

    @Test
    void somethingThatIsNotGeoJsonIsRefusedAsAFile() {
        assertThat(GeoJsonGrids.parse("{\"type\":\"Feature\"}".getBytes(StandardCharsets.UTF_8)).problems())
                .singleElement().extracting(GridProblem::message).asString().contains("FeatureCollection");
        assertThat(GeoJsonGrids.parse("not json".getBytes(StandardCharsets.UTF_8)).problems())
                .singleElement().extracting(GridProblem::message).asString().contains("not valid JSON");
    }

    /** A square cell on a 0.01° lattice near the demo district. */
    static String cell(String code, double x0, double y0, double x1, double y1) {
        double[] xs = {120 + x0 / 100, 120 + x1 / 100};
        double[] ys = {30 + y0 / 100, 30 + y1 / 100};
        return feature(code, String.format("[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]", xs[0], ys[0], xs[1], ys[0],
                xs[1], ys[1], xs[0], ys[1], xs[0], ys[0]));
    }

    static String feature(String code, String coordinates) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"community\":\"测试社区\","
                + "\"street\":\"测试街道\",\"workerIds\":[]},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + coordinates + "}}";
    }

    static String collection(String features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + features + "]}";
    }

    private static Path write(Path dir, String... features) throws Exception {
        Path file = dir.resolve("grids.geojson");
        Files.writeString(file, collection(String.join(",", features)));
        return file;
    }

    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
