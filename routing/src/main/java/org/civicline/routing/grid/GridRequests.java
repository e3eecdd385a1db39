package org.civicline.routing.grid;

import java.util.List;
import org.civicline.core.model.Attachment;

/** The grid verticle's local requests, carried as JSON text between the HTTP routes and the verticle. */
public final class GridRequests {
    private GridRequests() {
    }

    /** Local addresses; each replies JSON text or fails with a FailureCodes code. */
    public static final String WORKER = "civicline.grid.local.worker";
    public static final String TASK = "civicline.grid.local.task";
    public static final String QUERY = "civicline.grid.local.query";
    /** Local: run what is due now (the clock may have been moved, e.g. a ManualClock in tests). */
    public static final String TICK = "civicline.grid.local.tick";

    /** On or off duty, and/or a position. */
    public record WorkerUpdate(String workerId, Boolean onDuty, Double longitude, Double latitude) {
    }

    /** A worker's step on a task: accept, reject, arrive, handle, finish. */
    public record TaskAction(String taskId, String workerId, Action action, String reason, String note,
                             List<Attachment> photos, Double longitude, Double latitude) {
        public enum Action { ACCEPT, REJECT, ARRIVE, HANDLE, FINISH }
    }

    /** {@code kind}: worker, workers, task, tasks-of-worker. */
    public record Query(String kind, String id) {
    }
}
