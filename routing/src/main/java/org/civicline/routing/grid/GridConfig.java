package org.civicline.routing.grid;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.config.ConfigSection;

/**
 * The {@code grid:} section: where the grid files are (relative to the config folder) and how dispatch waits.
 *
 * @param responseMinutes     how long a grid worker has to accept a task before the next one is tried (field
 *                            response promised by the hotline: 15 minutes)
 * @param nearestAttempts     nearest available workers tried, one after the other, before the grid supervisor
 * @param arrivalRadiusMeters a worker reports arrival within this distance of the place
 * @param indexCellMeters     side of a cell of the nearest-worker index, about the spacing of workers
 * @param maxBodyBytes        largest request body of the grid API
 */
public record GridConfig(String gridsFile, String workersFile, String gazetteerFile, int responseMinutes,
                         int nearestAttempts, int arrivalRadiusMeters, int indexCellMeters, int maxBodyBytes)
        implements ConfigSection {

    public GridConfig {
        gridsFile = gridsFile == null ? "grids/demo-district.geojson" : gridsFile;
        workersFile = workersFile == null ? "grids/workers.json" : workersFile;
        gazetteerFile = gazetteerFile == null ? "grids/gazetteer.json" : gazetteerFile;
        responseMinutes = responseMinutes == 0 ? 15 : responseMinutes;
        nearestAttempts = nearestAttempts == 0 ? 2 : nearestAttempts;
        arrivalRadiusMeters = arrivalRadiusMeters == 0 ? 300 : arrivalRadiusMeters;
        indexCellMeters = indexCellMeters == 0 ? 500 : indexCellMeters;
        maxBodyBytes = maxBodyBytes == 0 ? 64 * 1024 : maxBodyBytes;
    }

    public static GridConfig defaults() {
        return new GridConfig(null, null, null, 0, 0, 0, 0, 0);
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (responseMinutes < 1 || responseMinutes > 24 * 60) {
            problems.add("responseMinutes: expected 1 to 1440, got " + responseMinutes);
        }
        if (nearestAttempts < 1 || nearestAttempts > 20) {
            problems.add("nearestAttempts: expected 1 to 20, got " + nearestAttempts);
        }
        if (arrivalRadiusMeters < 10) {
            problems.add("arrivalRadiusMeters: expected at least 10, got " + arrivalRadiusMeters);
        }
        if (indexCellMeters < 10) {
            problems.add("indexCellMeters: expected at least 10, got " + indexCellMeters);
        }
        if (maxBodyBytes < 1024) {
            problems.add("maxBodyBytes: expected at least 1024, got " + maxBodyBytes);
        }
        return problems;
    }
}
