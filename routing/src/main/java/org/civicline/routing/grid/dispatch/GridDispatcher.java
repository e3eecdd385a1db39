package org.civicline.routing.grid.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicline.core.bus.DispatchToGrid;
import org.civicline.core.bus.GridTaskChanged;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;
import org.civicline.routing.grid.map.GridMap;
import org.civicline.routing.grid.map.GridShape;
import org.civicline.routing.grid.workers.NearestWorkers;
import org.civicline.routing.grid.workers.WorkerBoard;
import org.civicline.routing.grid.workers.WorkerEntry;
import org.civicline.routing.grid.workers.WorkerState;

/**
 * Sends cases to the field: the worker on duty in the grid (or a preferred worker), then the nearest available
 * on-duty worker — neighbouring grids first — when nobody accepts within the response time, then the grid supervisor.
 * Pure decisions on an injected clock; {@link #advance()} runs what is due. Each call returns the steps to record.
 */
public final class GridDispatcher {
    public static final String ACTOR = "grid-dispatch";
    public static final int MAX_NOTE = 2000;
    public static final int MAX_REASON = 500;
    public static final int MAX_PHOTOS = 9;
    /** Finished tasks kept for lookups; older ones are dropped (the case log keeps the story). */
    static final int KEEP_FINISHED = 10_000;

    private final GridMap map;
    private final WorkerBoard board;
    private final Clock clock;
    private final Settings settings;
    private final Map<String, GridTask> tasks = new LinkedHashMap<>();
    private final Map<String, GridTask> openByCase = new HashMap<>();
    private long sequence;

    /**
     * @param response            default time a worker has to accept
     * @param nearestAttempts     how many nearest workers are tried before the supervisor
     * @param arrivalRadiusMeters farthest a worker may be from the place to report arrival
     */
    public record Settings(Duration response, int nearestAttempts, double arrivalRadiusMeters) {
    }

    public GridDispatcher(GridMap map, WorkerBoard board, Clock clock, Settings settings) {
        this.map = map;
        this.board = board;
        this.clock = clock;
        this.settings = settings;
    }

    /** Every open task as stored. */
    public List<GridTask.Snapshot> openSnapshots() {
        return openByCase.values().stream().map(GridTask::snapshot).toList();
    }

    /** Takes back open tasks stored before a restart; their workers hold them again. Due offers move on next advance. */
    public void restore(List<GridTask.Snapshot> snapshots) {
        for (GridTask.Snapshot s : snapshots) {
            GridTask task = GridTask.of(s);
            if (!task.open() || openByCase.containsKey(task.caseNumber)) {
                continue;
            }
            tasks.put(task.id, task);
            openByCase.put(task.caseNumber, task);
            if (task.assignee != null && !task.supervisor) {
                board.worker(task.assignee).ifPresent(w -> board.holdTask(w.id(), task.id));
            }
        }
    }

    /** The open task of a case, so a repeated dispatch request finds it instead of starting another. */
    public Optional<GridTask> openTask(String caseNumber) {
        return Optional.ofNullable(openByCase.get(caseNumber));
    }

    public Optional<GridTask> task(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    public List<GridTask> tasksOf(String workerId) {
        return tasks.values().stream().filter(t -> t.open() && workerId.equals(t.assignee)).toList();
    }

    /** Starts a task for a case at {@code place}; the first step offers it to someone (at worst the supervisor). */
    public List<DispatchStep> start(String caseNumber, GeoPoint place, DispatchToGrid.Mode mode, String preferred,
                                    int responseSeconds, String actor) {
        GridShape grid = map.locate(place.longitude(), place.latitude()).orElseThrow(() -> TaskRefused.invalid(
                "location", "[" + place.longitude() + ", " + place.latitude() + "] is outside every grid"));
        if (mode == DispatchToGrid.Mode.PREFERRED && (preferred == null || board.worker(preferred).isEmpty())) {
            throw TaskRefused.invalid("preferredWorker", "mode PREFERRED needs a known worker, got '" + preferred + "'");
        }
        long response = responseSeconds > 0 ? responseSeconds * 1000L : settings.response().toMillis();
        // The time in the id keeps ids unique across restarts, which forget the sequence.
        GridTask task = new GridTask("gt-" + Long.toString(clock.millis(), 36) + "." + (++sequence) + "-" + caseNumber, caseNumber, place, grid.code(),
                mode == null ? DispatchToGrid.Mode.GRID : mode, preferred, response, settings.nearestAttempts());
        tasks.put(task.id, task);
        openByCase.put(caseNumber, task);
        List<DispatchStep> steps = new ArrayList<>();
        offerNext(task, "dispatched by " + (actor == null ? ACTOR : actor) + " to grid " + grid.code() + " "
                + grid.grid().name(), steps);
        return steps;
    }

    /** When the next offer runs out, if any offer is out. */
    public Optional<Instant> nextDue() {
        return openByCase.values().stream().filter(t -> t.stage == TaskStage.OFFERED && t.expiresAt != null)
                .map(t -> t.expiresAt).min(Instant::compareTo);
    }

    /** Moves every offer that has run out on to the next person. */
    public List<DispatchStep> advance() {
        Instant now = clock.instant();
        List<DispatchStep> steps = new ArrayList<>();
        for (GridTask task : List.copyOf(openByCase.values())) {
            if (task.stage == TaskStage.OFFERED && task.expiresAt != null && !task.expiresAt.isAfter(now)) {
                String who = task.assignee;
                note(task, "TIMED_OUT", who, "no answer within " + minutes(task.responseMillis), steps, -1);
                release(task);
                offerNext(task, who + " did not accept within " + minutes(task.responseMillis), steps);
            }
        }
        return steps;
    }

    public List<DispatchStep> accept(String taskId, String workerId) {
        GridTask task = held(taskId, workerId, TaskStage.OFFERED);
        task.stage = TaskStage.ACCEPTED;
        task.expiresAt = null;
        List<DispatchStep> steps = new ArrayList<>();
        WorkerState w = board.worker(workerId).orElseThrow();
        double meters = w.position() == null ? -1 : WorkerBoard.distance(task.place, w.position());
        steps.add(new DispatchStep(task.caseNumber, CaseTransition.to(CaseState.IN_PROGRESS, workerId)
                .withNote("grid task " + task.id + " accepted by " + workerId
                        + (meters < 0 ? "" : ", " + Math.round(meters) + " m from the place")), null));
        note(task, "ACCEPTED", workerId, null, steps, meters);
        return steps;
    }

    /** A worker turns the offer down; the reason is required and goes on the case log. */
    public List<DispatchStep> reject(String taskId, String workerId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw TaskRefused.invalid("reason", "is required: why the task is turned down");
        }
        if (reason.length() > MAX_REASON) {
            throw TaskRefused.invalid("reason", "is longer than " + MAX_REASON + " characters");
        }
        GridTask task = held(taskId, workerId, TaskStage.OFFERED);
        List<DispatchStep> steps = new ArrayList<>();
        note(task, "REJECTED", workerId, reason.strip(), steps, -1);
        release(task);
        offerNext(task, workerId + " rejected: " + reason.strip(), steps);
        return steps;
    }

    /** A worker going off duty while an offer waits for them passes it on at once. */
    public List<DispatchStep> offDuty(String workerId) {
        List<DispatchStep> steps = new ArrayList<>();
        for (GridTask task : List.copyOf(openByCase.values())) {
            if (task.stage == TaskStage.OFFERED && workerId.equals(task.assignee) && !task.supervisor) {
                note(task, "WITHDRAWN", workerId, "went off duty", steps, -1);
                release(task);
                offerNext(task, workerId + " went off duty", steps);
            }
        }
        return steps;
    }

    /** The worker is at the place; the position is checked against it and the distance kept. */
    public List<DispatchStep> arrive(String taskId, String workerId, GeoPoint at) {
        GridTask task = held(taskId, workerId, TaskStage.ACCEPTED);
        if (at == null) {
            throw TaskRefused.invalid("location", "is required: where the worker is now");
        }
        double meters = WorkerBoard.distance(task.place, at);
        if (meters > settings.arrivalRadiusMeters()) {
            throw TaskRefused.invalid("location", Math.round(meters) + " m from the place; arrival counts within "
                    + Math.round(settings.arrivalRadiusMeters()) + " m");
        }
        board.location(workerId, at);
        task.stage = TaskStage.ARRIVED;
        task.arrivalMeters = meters;
        List<DispatchStep> steps = new ArrayList<>();
        note(task, "ARRIVED", workerId, Math.round(meters) + " m from the place", steps, meters);
        return steps;
    }

    public List<DispatchStep> handle(String taskId, String workerId, String note, List<Attachment> photos) {
        if (note == null || note.isBlank()) {
            throw TaskRefused.invalid("note", "is required: what was done on the spot");
        }
        if (note.length() > MAX_NOTE) {
            throw TaskRefused.invalid("note", "is longer than " + MAX_NOTE + " characters");
        }
        List<Attachment> pictures = photos == null ? List.of() : List.copyOf(photos);
        if (pictures.size() > MAX_PHOTOS) {
            throw TaskRefused.invalid("photos", "at most " + MAX_PHOTOS + " photos, got " + pictures.size());
        }
        GridTask task = held(taskId, workerId, TaskStage.ARRIVED);
        task.stage = TaskStage.HANDLED;
        task.note = note.strip();
        task.photos = pictures;
        List<DispatchStep> steps = new ArrayList<>();
        note(task, "HANDLED", workerId, pictures.size() + " photo(s)", steps, -1);
        return steps;
    }

    /** Done in the field: the worker is free again and the case goes to feedback with what was done. */
    public List<DispatchStep> finish(String taskId, String workerId) {
        GridTask task = held(taskId, workerId, TaskStage.HANDLED);
        task.stage = TaskStage.FINISHED;
        release(task);
        openByCase.remove(task.caseNumber, task);
        forgetOldFinished();
        List<DispatchStep> steps = new ArrayList<>();
        steps.add(new DispatchStep(task.caseNumber, CaseTransition.to(CaseState.FEEDBACK, workerId)
                .withNote("grid task " + task.id + ": arrived " + Math.round(task.arrivalMeters)
                        + " m from the place; handled: " + task.note + "; photos: "
                        + task.photos.stream().map(a -> a.reference()).toList()), null));
        note(task, "FINISHED", workerId, null, steps, -1);
        return steps;
    }

    private void forgetOldFinished() {
        if (tasks.size() - openByCase.size() <= KEEP_FINISHED) {
            return;
        }
        var it = tasks.values().iterator();
        while (it.hasNext() && tasks.size() - openByCase.size() > KEEP_FINISHED) {
            if (!it.next().open()) {
                it.remove();
            }
        }
    }

    private void offerNext(GridTask task, String why, List<DispatchStep> steps) {
        while (task.planIndex < task.plan.size()) {
            GridTask.Plan plan = task.plan.get(task.planIndex++);
            Candidate c = switch (plan) {
                case PREFERRED -> preferred(task);
                case GRID -> gridWorker(task);
                case NEAREST -> nearest(task);
                case SUPERVISOR -> supervisor(task);
            };
            if (c == null) {
                continue;
            }
            task.assignee = c.id;
            task.supervisor = plan == GridTask.Plan.SUPERVISOR;
            task.tried.add(c.id);
            task.expiresAt = task.supervisor ? null : clock.instant().plusMillis(task.responseMillis);
            if (!task.supervisor) {
                board.holdTask(c.id, task.id);
            }
            String reason = why + "; offered to " + c.why;
            steps.add(new DispatchStep(task.caseNumber, CaseTransition.to(CaseState.DISPATCHED, ACTOR)
                    .assignedTo(c.id).because(reason)
                    .withNote("grid task " + task.id + (task.expiresAt == null ? ""
                            : ", accept by " + task.expiresAt)), null));
            note(task, task.supervisor ? "TO_SUPERVISOR" : "OFFERED", c.id, c.why, steps, c.meters);
            return;
        }
        // Nobody at all, not even a supervisor listed for the grid: the hotline must handle it.
        task.assignee = null;
        task.expiresAt = null;
        note(task, "UNASSIGNED", null, why + "; no worker or supervisor to offer it to", steps, -1);
    }

    private record Candidate(String id, String why, double meters) {
    }

    private Candidate preferred(GridTask task) {
        return board.worker(task.preferredWorker)
                .filter(w -> w.onDuty() && w.taskId() == null && !task.tried.contains(w.id()))
                .map(w -> new Candidate(w.id(), "the resident's own grid worker " + w.id() + distanceText(task, w),
                        distance(task, w)))
                .orElse(null);
    }

    private Candidate gridWorker(GridTask task) {
        GridShape grid = map.grid(task.gridCode).orElseThrow();
        return grid.grid().workerIds().stream().map(board::worker).flatMap(Optional::stream)
                .filter(w -> w.onDuty() && w.taskId() == null && !task.tried.contains(w.id()))
                .min(java.util.Comparator.comparingDouble((WorkerState w) -> w.position() == null ? Double.MAX_VALUE
                        : distance(task, w)).thenComparing(WorkerState::id))
                .map(w -> new Candidate(w.id(), "grid worker on duty " + w.id() + distanceText(task, w),
                        distance(task, w)))
                .orElse(null);
    }

    private Candidate nearest(GridTask task) {
        // The place's own cell counts as nearby too: in NEAREST mode (alarms) its worker has not been tried yet.
        List<String> nearby = new ArrayList<>(map.grid(task.gridCode).map(g -> g.grid().workerIds())
                .orElse(List.of()));
        for (String code : map.neighbours(task.gridCode)) {
            map.grid(code).ifPresent(g -> nearby.addAll(g.grid().workerIds()));
        }
        Optional<NearestWorkers.Found<WorkerState>> neighbour = board.nearestAmong(task.place, nearby, task.tried);
        if (neighbour.isPresent()) {
            NearestWorkers.Found<WorkerState> f = neighbour.get();
            return new Candidate(f.id(), "nearest available worker of this or a neighbouring grid " + f.id() + " at "
                    + Math.round(f.meters()) + " m", f.meters());
        }
        NearestWorkers.Found<WorkerState> f = board.nearestAvailable(task.place, task.tried);
        return f == null ? null : new Candidate(f.id(), "nearest available worker " + f.id() + " at "
                + Math.round(f.meters()) + " m", f.meters());
    }

    private Candidate supervisor(GridTask task) {
        String id = map.grid(task.gridCode).map(g -> g.grid().supervisorId()).orElse(null);
        if (id == null || board.worker(id).filter(w -> w.entry().role() == WorkerEntry.Role.SUPERVISOR).isEmpty()) {
            return null;
        }
        return new Candidate(id, "grid supervisor " + id, -1);
    }

    private GridTask held(String taskId, String workerId, TaskStage expected) {
        GridTask task = tasks.get(taskId);
        if (task == null) {
            throw TaskRefused.notFound("no grid task " + taskId);
        }
        if (workerId == null || !workerId.equals(task.assignee)) {
            throw TaskRefused.conflict("grid task " + taskId + " is not " + workerId + "'s (held by "
                    + task.assignee + ")");
        }
        if (task.stage != expected) {
            throw TaskRefused.conflict("grid task " + taskId + " is " + task.stage + "; expected " + expected);
        }
        return task;
    }

    private void release(GridTask task) {
        if (task.assignee != null) {
            board.releaseTask(task.assignee, task.id);
        }
    }

    private void note(GridTask task, String stage, String workerId, String detail, List<DispatchStep> steps,
                      double meters) {
        Instant now = clock.instant();
        task.history.add(new GridTask.Entry(now, stage, workerId, detail));
        steps.add(new DispatchStep(task.caseNumber, null,
                new GridTaskChanged(task.id, task.caseNumber, workerId, stage, now, meters)));
    }

    private static double distance(GridTask task, WorkerState w) {
        return w.position() == null ? -1 : WorkerBoard.distance(task.place, w.position());
    }

    private static String distanceText(GridTask task, WorkerState w) {
        return w.position() == null ? " (position unknown)" : " at " + Math.round(distance(task, w)) + " m";
    }

    private static String minutes(long millis) {
        return millis % 60_000 == 0 ? millis / 60_000 + " min" : millis / 1000 + " s";
    }
}
