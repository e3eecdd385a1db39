package org.civicline.routing.grid.workers;

import java.time.Instant;
import org.civicline.core.model.GeoPoint;

/** A worker as the dispatcher sees them now; owned by the dispatch verticle's context only. */
public final class WorkerState {
    final WorkerEntry entry;
    boolean onDuty;
    String taskId;
    GeoPoint position;
    Instant positionAt;
    Instant since;

    WorkerState(WorkerEntry entry) {
        this.entry = entry;
    }

    public WorkerEntry entry() {
        return entry;
    }

    public String id() {
        return entry.id();
    }

    public boolean onDuty() {
        return onDuty;
    }

    /** The task offered to or held by the worker, or null. */
    public String taskId() {
        return taskId;
    }

    public GeoPoint position() {
        return position;
    }

    /** On duty, with a known position, holding no task: may be offered one. */
    public boolean available() {
        return onDuty && taskId == null && position != null;
    }

    public WorkerView view() {
        return new WorkerView(entry.id(), entry.name(), entry.role(), entry.gridCodes(), onDuty, taskId != null,
                taskId, position, positionAt, since);
    }

    /** What the HTTP API shows of a worker. */
    public record WorkerView(String id, String name, WorkerEntry.Role role, java.util.List<String> gridCodes,
                             boolean onDuty, boolean busy, String taskId, GeoPoint position, Instant positionAt,
                             Instant since) {
    }
}
