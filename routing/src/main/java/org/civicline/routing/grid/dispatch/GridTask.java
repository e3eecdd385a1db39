package org.civicline.routing.grid.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.civicline.core.bus.DispatchToGrid;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.GeoPoint;

/** One case sent to the field, and everything that happened to it there. Owned by the dispatch verticle. */
public final class GridTask {
    final String id;
    final String caseNumber;
    final GeoPoint place;
    final String gridCode;
    final List<Plan> plan;
    final String preferredWorker;
    final long responseMillis;
    final Set<String> tried = new LinkedHashSet<>();
    final List<Entry> history = new ArrayList<>();
    int planIndex;
    TaskStage stage = TaskStage.OFFERED;
    String assignee;
    boolean supervisor;
    Instant expiresAt;
    double arrivalMeters = -1;
    String note;
    List<Attachment> photos = List.of();

    /** The order in which people are tried. */
    enum Plan { PREFERRED, GRID, NEAREST, SUPERVISOR }

    /** One line of the task's own timeline. */
    public record Entry(Instant at, String stage, String workerId, String detail) {
    }

    GridTask(String id, String caseNumber, GeoPoint place, String gridCode, DispatchToGrid.Mode mode,
             String preferredWorker, long responseMillis, int nearestAttempts) {
        this.id = id;
        this.caseNumber = caseNumber;
        this.place = place;
        this.gridCode = gridCode;
        this.preferredWorker = preferredWorker;
        this.responseMillis = responseMillis;
        List<Plan> steps = new ArrayList<>();
        steps.add(switch (mode) {
            case PREFERRED -> Plan.PREFERRED;
            case GRID -> Plan.GRID;
            case NEAREST -> Plan.NEAREST;
        });
        for (int i = mode == DispatchToGrid.Mode.NEAREST ? 1 : 0; i < nearestAttempts; i++) {
            steps.add(Plan.NEAREST);
        }
        steps.add(Plan.SUPERVISOR);
        this.plan = List.copyOf(steps);
    }

    public String id() {
        return id;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public TaskStage stage() {
        return stage;
    }

    public String assignee() {
        return assignee;
    }

    public boolean open() {
        return stage != TaskStage.FINISHED;
    }

    public View view() {
        return new View(id, caseNumber, place, gridCode, stage, assignee, supervisor, expiresAt,
                arrivalMeters < 0 ? null : Math.round(arrivalMeters), note, photos, List.copyOf(history));
    }

    /** What the HTTP API and the grid worker's phone see. */
    public record View(String id, String caseNumber, GeoPoint place, String gridCode, TaskStage stage,
                       String assignee, boolean toSupervisor, Instant expiresAt, Long arrivalMeters, String note,
                       List<Attachment> photos, List<Entry> history) {
    }
}
