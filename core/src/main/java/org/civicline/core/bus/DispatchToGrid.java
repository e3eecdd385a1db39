package org.civicline.core.bus;

import org.civicline.core.model.GeoPoint;

/**
 * Request: dispatch a case to a grid worker (routing's grid dispatch) → reply a String, the grid task id. The place
 * is {@code place} when given (an agent placed it on the map), else the case's location, else its address resolved
 * through the gazetteer; 404 when none of these places it, so that an agent places it on the map.
 *
 * @param mode            who is tried first: {@code GRID} the worker on duty in the grid containing the place,
 *                        {@code NEAREST} the nearest available worker (alarms), {@code PREFERRED} the named worker
 * @param preferredWorker the worker for mode PREFERRED (e.g. the one assigned to an elderly resident)
 * @param responseSeconds how long each worker has to accept; 0 for the configured default
 * @param place           where the agent placed the case on the map, or null
 */
public record DispatchToGrid(String caseNumber, String actor, Mode mode, String preferredWorker,
                             int responseSeconds, GeoPoint place) {
    public static final String ADDRESS = "civicline.grid.dispatch";

    public enum Mode { GRID, NEAREST, PREFERRED }
}
