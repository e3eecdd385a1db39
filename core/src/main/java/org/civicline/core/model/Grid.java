package org.civicline.core.model;

import java.util.List;

/**
 * A grid cell (网格).
 *
 * @param code       15 digits: 6 district + 3 street + 3 community + 3 sequence
 * @param boundary   the outer ring, closed, longitude/latitude pairs
 * @param workerIds  the grid workers assigned to it
 */
public record Grid(
        String code,
        String name,
        String community,
        String street,
        List<GeoPoint> boundary,
        List<String> workerIds,
        String supervisorId) {

    public Grid {
        if (code == null || !code.matches("\\d{15}")) {
            throw new IllegalArgumentException("grid code must be 15 digits, got " + code);
        }
        boundary = boundary == null ? List.of() : List.copyOf(boundary);
        workerIds = workerIds == null ? List.of() : List.copyOf(workerIds);
    }

    public String districtCode() {
        return code.substring(0, 6);
    }
}
