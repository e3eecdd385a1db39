package org.civicline.routing.grid.http;

import org.civicline.core.module.ModuleContext;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicline.core.bus.DispatchToGrid;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.GeoPoint;
import org.civicline.routing.grid.GridData;
import org.civicline.routing.grid.GridRequests;
import org.civicline.routing.grid.GridRequests.TaskAction.Action;
import org.civicline.routing.grid.map.GridShape;

/**
 * The grid API under {@code /api/grid}: the cells as GeoJSON for maps, where a point is, addresses, worker presence
 * and position from their phones, dispatch, and the worker's task steps. Lookups answer from the immutable grid data;
 * everything that changes goes to the dispatch verticle.
 */
public final class GridRoutes {
    private final Vertx vertx;
    private final GridData data;
    private final int maxBodyBytes;

    public GridRoutes(Vertx vertx, GridData data, int maxBodyBytes) {
        this.vertx = vertx;
        this.data = data;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Bodies of a worker's phone or the agent desk. */
    public record PresenceBody(Boolean onDuty) {
    }

    public record LocationBody(Double longitude, Double latitude) {
    }

    /** {@code longitude}/{@code latitude}: where the agent placed a case whose address the gazetteer did not know. */
    public record DispatchBody(String caseNumber, String actor, DispatchToGrid.Mode mode, String preferredWorker,
                               Integer responseSeconds, Double longitude, Double latitude) {
    }

    public record StepBody(String workerId, String reason, String note, List<Attachment> photos, Double longitude,
                           Double latitude) {
    }

    public void mount(Router router) {
        // Skipped when the node already read the body; the size is checked again per request.
        router.route("/api/grid/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.get("/api/grid/locate").handler(this::locate);
        router.get("/api/grid/resolve").handler(this::resolve);
        router.get("/api/grid/places").handler(this::places);
        router.get("/api/grid/grids/:code").handler(this::grid);
        String geoJson = GridGeoJson.of(data.map());
        router.get("/api/grid/geojson").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/geo+json; charset=utf-8")
                .putHeader("Cache-Control", "private, max-age=300").end(geoJson));
        router.get("/api/grid/workers").handler(ctx -> JsonExchange.ask(vertx, ctx, GridRequests.QUERY,
                new GridRequests.Query("workers", null)));
        router.get("/api/grid/workers/:id").handler(ctx -> JsonExchange.ask(vertx, ctx, GridRequests.QUERY,
                new GridRequests.Query("worker", ctx.pathParam("id"))));
        router.put("/api/grid/workers/:id/*").handler(ctx -> {
            // A signed-in grid worker reports only their own duty and position.
            String signedIn = ctx.get(ModuleContext.GRID_WORKER);
            if (signedIn != null && !signedIn.equals(ctx.pathParam("id"))) {
                ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"a grid worker reports only for themselves\"}");
                return;
            }
            ctx.next();
        });
        router.put("/api/grid/workers/:id/presence").handler(ctx -> JsonExchange.read(ctx, PresenceBody.class,
                maxBodyBytes).ifPresent(b -> JsonExchange.ask(vertx, ctx, GridRequests.WORKER,
                new GridRequests.WorkerUpdate(ctx.pathParam("id"), required(b.onDuty()), null, null))));
        router.put("/api/grid/workers/:id/location").handler(ctx -> JsonExchange.read(ctx, LocationBody.class,
                maxBodyBytes).ifPresent(b -> JsonExchange.ask(vertx, ctx, GridRequests.WORKER,
                new GridRequests.WorkerUpdate(ctx.pathParam("id"), null, b.longitude(), b.latitude()))));
        router.post("/api/grid/dispatch").handler(this::dispatch);
        router.get("/api/grid/tasks/:id").handler(ctx -> JsonExchange.ask(vertx, ctx, GridRequests.QUERY,
                new GridRequests.Query("task", ctx.pathParam("id"))));
        for (Action action : Action.values()) {
            router.post("/api/grid/tasks/:id/" + action.name().toLowerCase()).handler(ctx -> step(ctx, action));
        }
    }

    private static Boolean required(Boolean onDuty) {
        return onDuty;
    }

    private void locate(RoutingContext ctx) {
        Double lon = number(ctx, "longitude");
        Double lat = lon == null ? null : number(ctx, "latitude");
        if (lat == null) {
            return;
        }
        data.map().locate(lon, lat).ifPresentOrElse(g -> JsonExchange.json(ctx, 200, Jsons.write(summary(g))),
                () -> JsonExchange.error(ctx, 404, "[" + lon + ", " + lat + "] is outside every grid"));
    }

    /** {@code ?q=欣华}: gazetteer names for an address being typed, each with its grid (the case form's search). */
    private void places(RoutingContext ctx) {
        String q = ctx.queryParams().get("q");
        if (q == null || q.isBlank() || q.length() > 50) {
            JsonExchange.invalid(ctx, "q", "expected 1 to 50 characters of a place or road name");
            return;
        }
        JsonExchange.json(ctx, 200, Jsons.write(Map.of("results", data.gazetteer().suggest(q, 10))));
    }

    private void resolve(RoutingContext ctx) {
        String address = ctx.queryParams().get("address");
        if (address == null || address.isBlank() || address.length() > 500) {
            JsonExchange.invalid(ctx, "address", "expected an address of 1 to 500 characters");
            return;
        }
        var found = data.gazetteer().resolve(address);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resolved", found.resolved());
        body.put("matched", found.matched());
        body.put("reason", found.reason());
        if (found.resolved()) {
            data.map().grid(found.grid()).ifPresent(g -> body.put("grid", summary(g)));
        }
        JsonExchange.json(ctx, found.resolved() ? 200 : 404, Jsons.write(body));
    }

    private void grid(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        data.map().grid(code).ifPresentOrElse(g -> {
            Map<String, Object> body = summary(g);
            body.put("boundary", g.grid().boundary());
            body.put("neighbours", data.map().neighbours(code));
            JsonExchange.json(ctx, 200, Jsons.write(body));
        }, () -> JsonExchange.error(ctx, 404, "no grid " + code));
    }

    private void dispatch(RoutingContext ctx) {
        JsonExchange.read(ctx, DispatchBody.class, maxBodyBytes).ifPresent(b -> {
            if (b.caseNumber() == null || b.caseNumber().isBlank()) {
                JsonExchange.invalid(ctx, "caseNumber", "is required");
                return;
            }
            if (b.responseSeconds() != null && (b.responseSeconds() < 10 || b.responseSeconds() > 86_400)) {
                JsonExchange.invalid(ctx, "responseSeconds", "expected 10 to 86400");
                return;
            }
            GeoPoint place = null;
            if (b.longitude() != null || b.latitude() != null) {
                if (b.longitude() == null || b.latitude() == null || Math.abs(b.longitude()) > 180
                        || Math.abs(b.latitude()) > 90) {
                    JsonExchange.invalid(ctx, b.longitude() == null || Math.abs(b.longitude()) > 180 ? "longitude"
                            : "latitude", "send both, in degrees");
                    return;
                }
                place = new GeoPoint(b.longitude(), b.latitude());
            }
            DispatchToGrid request = new DispatchToGrid(b.caseNumber(), b.actor(), b.mode(), b.preferredWorker(),
                    b.responseSeconds() == null ? 0 : b.responseSeconds(), place);
            vertx.eventBus().<String>request(DispatchToGrid.ADDRESS, request)
                    .onSuccess(r -> JsonExchange.json(ctx, 200, Jsons.write(Map.of("taskId", r.body()))))
                    .onFailure(e -> JsonExchange.fromBus(ctx, e));
        });
    }

    private void step(RoutingContext ctx, Action action) {
        JsonExchange.read(ctx, StepBody.class, maxBodyBytes).ifPresent(body -> {
            String signedIn = ctx.get(ModuleContext.GRID_WORKER);
            StepBody b = signedIn == null ? body : new StepBody(signedIn, body.reason(), body.note(), body.photos(),
                    body.longitude(), body.latitude());
            if (b.workerId() == null || b.workerId().isBlank()) {
                JsonExchange.invalid(ctx, "workerId", "is required: who takes the step");
                return;
            }
            JsonExchange.ask(vertx, ctx, GridRequests.TASK, new GridRequests.TaskAction(ctx.pathParam("id"),
                    b.workerId(), action, b.reason(), b.note(), b.photos(), b.longitude(), b.latitude()));
        });
    }

    private static Map<String, Object> summary(GridShape g) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", g.code());
        body.put("name", g.grid().name());
        body.put("community", g.grid().community());
        body.put("street", g.grid().street());
        body.put("workerIds", g.grid().workerIds());
        if (g.grid().supervisorId() != null) {
            body.put("supervisorId", g.grid().supervisorId());
        }
        body.put("center", g.center());
        return body;
    }

    private static Double number(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        try {
            double d = Double.parseDouble(value == null ? "" : value);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        JsonExchange.invalid(ctx, name, "expected a number in degrees, got '" + value + "'");
        return null;
    }
}
