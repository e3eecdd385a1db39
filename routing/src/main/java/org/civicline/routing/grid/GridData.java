package org.civicline.routing.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigException;
import org.civicline.routing.grid.gazetteer.Gazetteer;
import org.civicline.routing.grid.map.GeoJsonGrids;
import org.civicline.routing.grid.map.GridMap;
import org.civicline.routing.grid.map.GridProblem;
import org.civicline.routing.grid.map.GridShape;
import org.civicline.routing.grid.map.GridValidator;
import org.civicline.routing.grid.workers.WorkerFile;

/** The district as loaded at start: cells, workers, gazetteer. A file with any problem stops the start. */
public record GridData(GridMap map, WorkerFile workers, Gazetteer gazetteer) {

    /** Blocking file reads: call it from a worker thread (executeBlocking), never on an event loop. */
    public static GridData load(Path configDirectory, GridConfig config) {
        try {
            GeoJsonGrids.Parsed parsed = GeoJsonGrids.parse(Files.readAllBytes(configDirectory.resolve(config.gridsFile())));
            List<GridProblem> problems = new ArrayList<>(parsed.problems());
            problems.addAll(GridValidator.validate(parsed.shapes()));
            if (!problems.isEmpty()) {
                throw new ConfigException(problems.stream().map(p -> "grid." + config.gridsFile() + ": " + p).toList());
            }
            WorkerFile workers = WorkerFile.parse(Files.readAllBytes(configDirectory.resolve(config.workersFile())));
            Path gazetteerFile = configDirectory.resolve(config.gazetteerFile());
            Gazetteer gazetteer = Files.exists(gazetteerFile) ? Gazetteer.parse(Files.readAllBytes(gazetteerFile))
                    : Gazetteer.empty();
            return of(parsed.shapes(), workers, gazetteer);
        } catch (IOException e) {
            throw new ConfigException("grid: cannot read " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("grid: " + e.getMessage());
        }
    }

    public static GridData of(List<GridShape> shapes, WorkerFile workers, Gazetteer gazetteer) {
        GridMap map = new GridMap(shapes);
        // The locators build their edge index on first use; do it now, before other threads read them.
        shapes.forEach(s -> map.locate(s.center().longitude(), s.center().latitude()));
        return new GridData(map, workers, gazetteer);
    }
}
