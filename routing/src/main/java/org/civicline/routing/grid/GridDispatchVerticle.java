package org.civicline.routing.grid;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.DispatchToGrid;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.bus.GetCaseRequest;
import org.civicline.core.bus.GridTaskChanged;
import org.civicline.core.bus.TransitionCaseRequest;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.store.Fence;
import org.civicline.core.store.FencedOffException;
import org.civicline.core.store.ReferenceStore;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;
import org.civicline.routing.grid.dispatch.DispatchStep;
import org.civicline.routing.grid.dispatch.GridDispatcher;
import org.civicline.routing.grid.dispatch.GridTask;
import org.civicline.routing.grid.dispatch.TaskRefused;
import org.civicline.routing.grid.gazetteer.Gazetteer;
import org.civicline.routing.grid.map.Distances;
import org.civicline.routing.grid.map.GridShape;
import org.civicline.routing.grid.workers.WorkerBoard;
import org.civicline.routing.grid.workers.WorkerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs grid dispatch on one Vert.x context: serves {@link DispatchToGrid} and the local worker/task requests, keeps
 * one timer armed for the next offer to run out, and writes each step to the case log in order, case by case.
 */
public final class GridDispatchVerticle extends AbstractVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(GridDispatchVerticle.class);
    private static final DeliveryOptions BUS = new DeliveryOptions().setSendTimeout(10_000);
    /** Reference-store kind of the open tasks. */
    static final String TASKS = "grid-task";

    private final GridData data;
    private final GridConfig config;
    private final Clock clock;
    private final Map<String, Future<Void>> caseLogTails = new HashMap<>();
    private final ReferenceStore store;
    private final Fence fence;
    private Future<Void> storing = Future.succeededFuture();
    private WorkerBoard board;
    private GridDispatcher dispatcher;
    private long timerId = -1;
    private long timerDue = Long.MAX_VALUE;

    /** @param store where open tasks are kept, so they survive a restart */
    public GridDispatchVerticle(GridData data, GridConfig config, Clock clock, ReferenceStore store) {
        this(data, config, clock, store, null);
    }

    /**
     * As the cluster's one grid dispatcher ({@code SingletonDeployer}): the open tasks are written under
     * {@code fence}, and a refused write (a newer dispatcher runs elsewhere) stops this one.
     */
    public GridDispatchVerticle(GridData data, GridConfig config, Clock clock, ReferenceStore store, Fence fence) {
        this.fence = fence;
        this.data = data;
        this.config = config;
        this.clock = clock;
        this.store = store;
    }

    @Override
    public void start(Promise<Void> started) {
        double cellDegrees = config.indexCellMeters() / Distances.metersOfDegrees(1);
        board = new WorkerBoard(data.workers().workers(), clock, cellDegrees);
        dispatcher = new GridDispatcher(data.map(), board, clock, new GridDispatcher.Settings(
                Duration.ofMinutes(config.responseMinutes()), config.nearestAttempts(), config.arrivalRadiusMeters()));
        var bus = vertx.eventBus();
        store.list(TASKS, GridTask.Snapshot.class).onSuccess(open -> {
            dispatcher.restore(open);
            if (!open.isEmpty()) {
                LOG.info("took back {} open grid tasks from the store", open.size());
            }
            bus.<DispatchToGrid>consumer(DispatchToGrid.ADDRESS, this::dispatch);
            // Cluster-wide: every node's grid API reaches the one dispatcher, wherever it runs.
            bus.<String>consumer(GridRequests.WORKER, m -> answer(m, GridRequests.WorkerUpdate.class,
                    this::worker));
            bus.<String>consumer(GridRequests.TASK, m -> answer(m, GridRequests.TaskAction.class, this::task));
            bus.<String>consumer(GridRequests.QUERY, m -> answer(m, GridRequests.Query.class, this::query));
            bus.<String>localConsumer(GridRequests.TICK, m -> {
                record(dispatcher.advance());
                rearm();
                m.reply("ok");
            });
            rearm();
            started.complete();
        }).onFailure(started::fail);
    }

    private void dispatch(Message<DispatchToGrid> message) {
        DispatchToGrid request = message.body();
        if (request.caseNumber() == null || request.caseNumber().isBlank()) {
            message.fail(FailureCodes.INVALID, "caseNumber: is required");
            return;
        }
        var existing = dispatcher.openTask(request.caseNumber());
        if (existing.isPresent()) {
            message.reply(existing.get().id());
            return;
        }
        vertx.eventBus().<Case>request(Addresses.CASE_GET, new GetCaseRequest(request.caseNumber()), BUS)
                .map(Message::body)
                .compose(c -> registered(c, request.actor()))
                .onSuccess(c -> {
                    try {
                        String id = dispatcher.openTask(c.number()).map(GridTask::id)
                                .orElseGet(() -> startTask(c, request));
                        message.reply(id);
                    } catch (TaskRefused e) {
                        message.fail(e.code(), (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
                    }
                })
                .onFailure(e -> message.fail(e instanceof ReplyException r ? r.failureCode() : FailureCodes.UNAVAILABLE,
                        e.getMessage()));
    }

    /** A case still RECEIVED is registered first: dispatch is only allowed from a registered case. */
    private Future<Case> registered(Case c, String actor) {
        return switch (c.state()) {
            case RECEIVED -> transition(c.number(), CaseTransition.to(CaseState.REGISTERED,
                    actor == null ? GridDispatcher.ACTOR : actor).withNote("registered for grid dispatch"));
            case REGISTERED, DISPATCHED, RETURNED, REOPENED -> Future.succeededFuture(c);
            default -> Future.failedFuture(new ReplyException(io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE,
                    FailureCodes.ILLEGAL_TRANSITION, "case " + c.number() + " is " + c.state().display()
                    + "; only a registered, returned or reopened case is dispatched"));
        };
    }

    private String startTask(Case c, DispatchToGrid request) {
        GeoPoint place = request.place() != null ? request.place() : c.location();
        String how = request.place() != null ? "the map" : "location";
        if (place == null) {
            Gazetteer.Resolution found = data.gazetteer().resolve(c.details().address());
            if (!found.resolved()) {
                throw TaskRefused.notFound("case " + c.number() + " has no location and its address is not placed ("
                        + found.reason() + ")");
            }
            place = data.map().grid(found.grid()).map(GridShape::center).orElseThrow(
                    () -> TaskRefused.notFound("gazetteer names grid " + found.grid() + ", which is not loaded"));
            how = "address '" + found.matched() + "'";
        }
        List<DispatchStep> steps = dispatcher.start(c.number(), place,
                request.mode() == null ? DispatchToGrid.Mode.GRID : request.mode(), request.preferredWorker(),
                request.responseSeconds(), (request.actor() == null ? GridDispatcher.ACTOR : request.actor())
                        + " (placed by " + how + ")");
        record(steps);
        rearm();
        return dispatcher.openTask(c.number()).map(GridTask::id).orElseThrow();
    }

    private Object worker(GridRequests.WorkerUpdate update) {
        if (update.onDuty() == null && update.longitude() == null) {
            throw TaskRefused.invalid("onDuty", "send onDuty and/or longitude and latitude");
        }
        if (update.longitude() != null || update.latitude() != null) {
            board.location(update.workerId(), point(update.longitude(), update.latitude()));
        }
        if (update.onDuty() != null) {
            board.presence(update.workerId(), update.onDuty());
            if (!update.onDuty()) {
                record(dispatcher.offDuty(update.workerId()));
            }
        }
        rearm();
        return board.worker(update.workerId()).orElseThrow().view();
    }

    private Object task(GridRequests.TaskAction action) {
        if (action.action() == null) {
            throw TaskRefused.invalid("action", "is required");
        }
        List<DispatchStep> steps = switch (action.action()) {
            case ACCEPT -> dispatcher.accept(action.taskId(), action.workerId());
            case REJECT -> dispatcher.reject(action.taskId(), action.workerId(), action.reason());
            case ARRIVE -> dispatcher.arrive(action.taskId(), action.workerId(),
                    point(action.longitude(), action.latitude()));
            case HANDLE -> dispatcher.handle(action.taskId(), action.workerId(), action.note(), action.photos());
            case FINISH -> dispatcher.finish(action.taskId(), action.workerId());
        };
        record(steps);
        rearm();
        return dispatcher.task(action.taskId()).orElseThrow().view();
    }

    private Object query(GridRequests.Query q) {
        return switch (q.kind() == null ? "" : q.kind()) {
            case "workers" -> board.views();
            case "worker" -> {
                WorkerState w = board.worker(q.id()).orElseThrow(() -> TaskRefused.notFound("no grid worker " + q.id()));
                yield Map.of("worker", w.view(), "tasks", dispatcher.tasksOf(w.id()).stream().map(GridTask::view)
                        .toList());
            }
            case "task" -> dispatcher.task(q.id()).map(GridTask::view)
                    .orElseThrow(() -> TaskRefused.notFound("no grid task " + q.id()));
            default -> throw TaskRefused.invalid("kind", "unknown query '" + q.kind() + "'");
        };
    }

    private static GeoPoint point(Double longitude, Double latitude) {
        if (longitude == null || latitude == null) {
            throw TaskRefused.invalid(longitude == null ? "longitude" : "latitude", "is required with the other");
        }
        try {
            return new GeoPoint(longitude, latitude);
        } catch (IllegalArgumentException e) {
            throw TaskRefused.invalid(e.getMessage().startsWith("longitude") ? "longitude" : "latitude",
                    e.getMessage());
        }
    }

    /** Case-log moves go out one after the other per case, so the log reads in the order things happened. */
    private void record(List<DispatchStep> steps) {
        if (!steps.isEmpty()) {
            storeOpenTasks();
        }
        for (DispatchStep step : steps) {
            if (step.notice() != null) {
                vertx.eventBus().publish(GridTaskChanged.ADDRESS, step.notice());
            }
            if (step.transition() != null) {
                Future<Void> tail = caseLogTails.getOrDefault(step.caseNumber(), Future.succeededFuture());
                Future<Void> next = tail.compose(v -> transition(step.caseNumber(), step.transition()))
                        .<Void>mapEmpty()
                        .recover(e -> {
                            LOG.warn("case {}: could not record {}: {}", step.caseNumber(), step.transition().to(),
                                    e.getMessage());
                            return Future.succeededFuture();
                        });
                caseLogTails.put(step.caseNumber(), next);
                next.onComplete(done -> caseLogTails.remove(step.caseNumber(), next));
            }
        }
    }

    /**
     * Writes the open tasks after every change, one write after the other; the store has no delete, so the whole
     * (small) set of open tasks replaces the last one.
     */
    private void storeOpenTasks() {
        Map<String, GridTask.Snapshot> open = new java.util.TreeMap<>();
        dispatcher.openSnapshots().forEach(t -> open.put(t.id(), t));
        storing = storing.compose(v -> fence == null ? store.replaceAll(TASKS, open)
                        : store.replaceAll(TASKS, open, fence))
                .recover(e -> {
                    if (e instanceof FencedOffException) {
                        SingletonDeployer.deposed(vertx, fence);
                    }
                    LOG.warn("open grid tasks not stored: {}", e.getMessage());
                    return Future.succeededFuture();
                });
    }

    private Future<Case> transition(String number, CaseTransition transition) {
        return vertx.eventBus().<Case>request(Addresses.CASE_TRANSITION, new TransitionCaseRequest(number, transition),
                BUS).map(Message::body);
    }

    private <T> void answer(Message<String> message, Class<T> type, Function<T, Object> action) {
        try {
            message.reply(Jsons.write(action.apply(Jsons.read(message.body(), type))));
        } catch (TaskRefused e) {
            // Invalid requests carry the JSON list of problems, as the case service's do, so the field is named.
            message.fail(e.code(), e.code() != FailureCodes.INVALID ? e.getMessage() : Jsons.write(List.of(
                    Map.of("field", e.field() == null ? "request" : e.field(), "message", e.getMessage()))));
        } catch (WorkerBoard.UnknownWorker e) {
            message.fail(FailureCodes.NOT_FOUND, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("grid request failed", e);
            message.fail(FailureCodes.UNAVAILABLE, e.getMessage());
        }
    }

    /** One timer, armed for the next offer to run out; the clock is asked again when it fires. */
    private void rearm() {
        long due = dispatcher.nextDue().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        if (due == timerDue && timerId >= 0) {
            return;
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        timerDue = due;
        if (due == Long.MAX_VALUE) {
            return;
        }
        timerId = vertx.setTimer(Math.max(1, due - clock.millis()), id -> {
            timerId = -1;
            timerDue = Long.MAX_VALUE;
            record(dispatcher.advance());
            rearm();
        });
    }
}
