package org.civicline.core.bus;

import java.time.Instant;

/**
 * Notice: a grid task moved (offered, accepted, rejected, timed out, arrived, handled, finished, escalated to the
 * supervisor). {@code distanceMeters} is the worker's distance from the place when offered or on arrival, else -1.
 */
public record GridTaskChanged(String taskId, String caseNumber, String workerId, String stage, Instant at,
                              double distanceMeters) {
    public static final String ADDRESS = "civicline.grid.task.changed";
}
