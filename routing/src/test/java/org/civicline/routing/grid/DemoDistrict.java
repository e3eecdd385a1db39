package org.civicline.routing.grid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.civicline.routing.grid.map.GeoJsonGrids;

/** The generated demo district in config/grids, loaded once for the tests. */
public final class DemoDistrict {
    public static final Path CONFIG = Path.of("..", "config").toAbsolutePath().normalize();
    private static GridData data;

    private DemoDistrict() {
    }

    public static synchronized GridData data() {
        if (data == null) {
            data = GridData.load(CONFIG, GridConfig.defaults());
        }
        return data;
    }

    public static GeoJsonGrids.Parsed parsed() {
        try {
            return GeoJsonGrids.parse(Files.readAllBytes(CONFIG.resolve("grids/demo-district.geojson")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
