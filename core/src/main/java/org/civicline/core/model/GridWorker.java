package org.civicline.core.model;

import java.util.List;

/** A grid worker (网格员) on foot, responsible for one or more grid cells. */
public record GridWorker(String id, String name, String phone, List<String> gridCodes) {
    public GridWorker {
        gridCodes = gridCodes == null ? List.of() : List.copyOf(gridCodes);
    }
}
