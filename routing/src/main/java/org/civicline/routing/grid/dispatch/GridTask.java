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
    public enum Plan { PREFERRED, GRID, NEAREST, SUPERVISOR }

    /** One line of the task's own timeline. */
    public record Entry(Instant at, String stage, String workerId, String detail) {
    }

    private GridTask(String id, String caseNumber, GeoPoint place, String gridCode, List<Plan> plan,
                     String preferredWorker, long responseMillis) {
        this.id = id;
        this.caseNumber = caseNumber;
        this.place = place;
        this.gridCode = gridCode;
        this.plan = List.copyOf(plan);
        this.preferredWorker = preferredWorker;
        this.responseMillis = responseMillis;
    }

    GridTask(String id, String caseNumber, GeoPoint place, String gridCode, DispatchToGrid.Mode mode,
             String preferredWorker, long responseMillis, int nearestAttempts) {
        this(id, caseNumber, place, gridCode, plan(mode, nearestAttempts), preferredWorker, responseMillis);
    }

    private static List<Plan> plan(DispatchToGrid.Mode mode, int nearestAttempts) {
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
        return steps;
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

    /** The task as stored, so an open task survives a restart or moves to another node. */
    public record Snapshot(String id, String caseNumber, GeoPoint place, String gridCode, List<Plan> plan,
                           String preferredWorker, long responseMillis, List<String> tried, List<Entry> history,
                           int planIndex, TaskStage stage, String assignee, boolean supervisor, Instant expiresAt,
                           double arrivalMeters, String note, List<Attachment> photos) {
    }

    Snapshot snapshot() {
        return new Snapshot(id, caseNumber, place, gridCode, plan, preferredWorker, responseMillis,
                List.copyOf(tried), List.copyOf(history), planIndex, stage, assignee, supervisor, expiresAt,
                arrivalMeters, note, photos);
    }

    static GridTask of(Snapshot s) {
        GridTask task = new GridTask(s.id(), s.caseNumber(), s.place(), s.gridCode(), s.plan(), s.preferredWorker(),
                s.responseMillis());
        task.tried.addAll(s.tried());
        task.history.addAll(s.history());
        task.planIndex = s.planIndex();
        task.stage = s.stage();
        task.assignee = s.assignee();
        task.supervisor = s.supervisor();
        task.expiresAt = s.expiresAt();
        task.arrivalMeters = s.arrivalMeters();
        task.note = s.note();
        task.photos = s.photos() == null ? List.of() : List.copyOf(s.photos());
        return task;
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
