package org.civicline.routing.alarm.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.civicline.routing.alarm.AlarmConfig;
import org.civicline.routing.alarm.AlarmRequests;
import org.civicline.routing.alarm.AlarmRequests.DeviceCommand;
import org.civicline.routing.alarm.AlarmRequests.DeviceCommand.Op;
import org.civicline.routing.alarm.AlarmRequests.Query;
import org.civicline.routing.alarm.device.Device;
import org.civicline.routing.grid.http.JsonExchange;

/**
 * The device registry and the alarm desk over HTTP: {@code /api/devices} CRUD and CSV import, the resident's profile
 * by SIM number (for the agent who takes a device's call), and the alarms with their timelines. None of these paths
 * starts with {@code /api/devices/alarms}, which is the gateways' door.
 */
public final class DeviceRoutes {
    private final Vertx vertx;
    private final AlarmConfig config;

    public DeviceRoutes(Vertx vertx, AlarmConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    public void mount(Router router) {
        router.get("/api/devices").handler(ctx -> devices(ctx, new DeviceCommand(Op.LIST, null, null, null)));
        router.post("/api/devices").handler(ctx -> JsonExchange.read(ctx, Device.class, config.maxBodyBytes())
                .ifPresent(d -> devices(ctx, new DeviceCommand(Op.CREATE, null, d, null))));
        router.post("/api/devices/import").handler(this::importCsv);
        router.get("/api/devices/open-alarms").handler(ctx -> query(ctx, new Query("open", null)));
        router.get("/api/devices/timeline/:alarmId").handler(ctx -> query(ctx,
                new Query("alarm", ctx.pathParam("alarmId"))));
        router.get("/api/devices/profile").handler(ctx -> query(ctx,
                new Query("profile", ctx.queryParams().get("phone"))));
        router.get("/api/devices/:id").handler(ctx -> devices(ctx,
                new DeviceCommand(Op.GET, ctx.pathParam("id"), null, null)));
        router.put("/api/devices/:id").handler(ctx -> JsonExchange.read(ctx, Device.class, config.maxBodyBytes())
                .ifPresent(d -> devices(ctx, new DeviceCommand(Op.REPLACE, ctx.pathParam("id"), d, null))));
        router.delete("/api/devices/:id").handler(ctx -> devices(ctx,
                new DeviceCommand(Op.DELETE, ctx.pathParam("id"), null, null)));
    }

    private void importCsv(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("text/csv")) {
            JsonExchange.error(ctx, 415, "send the devices as text/csv");
            return;
        }
        var body = ctx.body();
        if (body == null || body.length() == 0 || body.length() > config.maxCsvBytes()) {
            JsonExchange.error(ctx, body == null || body.length() == 0 ? 400 : 413,
                    "expected a CSV file of at most " + config.maxCsvBytes() + " bytes");
            return;
        }
        devices(ctx, new DeviceCommand(Op.IMPORT, null, null, body.asString("UTF-8")));
    }

    private void devices(RoutingContext ctx, DeviceCommand command) {
        JsonExchange.ask(vertx, ctx, AlarmRequests.DEVICES, command);
    }

    private void query(RoutingContext ctx, Query query) {
        JsonExchange.ask(vertx, ctx, AlarmRequests.QUERY, query);
    }
}
