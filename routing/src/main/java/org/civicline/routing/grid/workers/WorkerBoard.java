package org.civicline.routing.grid.workers;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.civicline.core.model.GeoPoint;
import org.civicline.routing.grid.map.Distances;

/**
 * Every grid worker's presence, position and task, as their phones report them. Only on-duty workers with a
 * position are in the nearest-worker index.
 */
public final class WorkerBoard {
    private final Map<String, WorkerState> workers = new LinkedHashMap<>();
    private final NearestWorkers<WorkerState> located;
    private final Clock clock;

    public WorkerBoard(Collection<WorkerEntry> entries, Clock clock, double cellDegrees) {
        this.clock = clock;
        this.located = new NearestWorkers<>(cellDegrees);
        entries.forEach(e -> workers.put(e.id(), new WorkerState(e)));
    }

    public Optional<WorkerState> worker(String id) {
        return Optional.ofNullable(workers.get(id));
    }

    public Collection<WorkerState> all() {
        return workers.values();
    }

    /** On duty or off duty; going off duty keeps the task the worker holds (the dispatcher decides about it). */
    public WorkerState presence(String id, boolean onDuty) {
        WorkerState w = require(id);
        if (w.onDuty != onDuty) {
            w.since = clock.instant();
        }
        w.onDuty = onDuty;
        index(w);
        return w;
    }

    public WorkerState location(String id, GeoPoint position) {
        WorkerState w = require(id);
        w.position = position;
        w.positionAt = clock.instant();
        index(w);
        return w;
    }

    public void holdTask(String id, String taskId) {
        require(id).taskId = taskId;
    }

    public void releaseTask(String id, String taskId) {
        WorkerState w = workers.get(id);
        if (w != null && taskId.equals(w.taskId)) {
            w.taskId = null;
        }
    }

    /** The nearest available worker (role WORKER) not in {@code excluded}; null when there is none. */
    public NearestWorkers.Found<WorkerState> nearestAvailable(GeoPoint place, Set<String> excluded) {
        Predicate<WorkerState> ok = w -> w.entry.role() == WorkerEntry.Role.WORKER && w.available()
                && !excluded.contains(w.id());
        return located.nearest(place.longitude(), place.latitude(), ok);
    }

    /** The nearest available worker among {@code candidates} (e.g. the workers of the neighbouring grids). */
    public Optional<NearestWorkers.Found<WorkerState>> nearestAmong(GeoPoint place, Collection<String> candidates,
                                                                    Set<String> excluded) {
        return candidates.stream().distinct().map(workers::get)
                .filter(w -> w != null && w.entry.role() == WorkerEntry.Role.WORKER && w.available()
                        && !excluded.contains(w.id()))
                .map(w -> new NearestWorkers.Found<>(w.id(), w, distance(place, w.position)))
                .min(Comparator.comparingDouble((NearestWorkers.Found<WorkerState> f) -> f.meters())
                        .thenComparing(NearestWorkers.Found::id));
    }

    public static double distance(GeoPoint place, GeoPoint at) {
        return Distances.meters(place.longitude(), place.latitude(), at.longitude(), at.latitude());
    }

    public List<WorkerState.WorkerView> views() {
        return workers.values().stream().map(WorkerState::view).toList();
    }

    private void index(WorkerState w) {
        if (w.onDuty && w.position != null) {
            located.put(w.id(), w, w.position.longitude(), w.position.latitude());
        } else {
            located.remove(w.id());
        }
    }

    private WorkerState require(String id) {
        WorkerState w = workers.get(id);
        if (w == null) {
            throw new UnknownWorker(id);
        }
        return w;
    }

    /** No such grid worker. */
    public static final class UnknownWorker extends RuntimeException {
        public UnknownWorker(String id) {
            super("no grid worker '" + id + "'");
        }
    }
}
