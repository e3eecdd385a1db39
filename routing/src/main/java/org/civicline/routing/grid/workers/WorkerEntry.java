package org.civicline.routing.grid.workers;

import java.util.List;

/** A grid worker or grid supervisor as listed in the workers file. */
public record WorkerEntry(String id, String name, String phone, Role role, List<String> gridCodes) {

    public enum Role { WORKER, SUPERVISOR }

    public WorkerEntry {
        role = role == null ? Role.WORKER : role;
        gridCodes = gridCodes == null ? List.of() : List.copyOf(gridCodes);
    }
}
