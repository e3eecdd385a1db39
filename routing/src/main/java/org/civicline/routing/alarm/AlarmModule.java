package org.civicline.routing.alarm;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.module.CivicModule;
import org.civicline.core.module.ModuleContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.civicline.core.config.ConfigException;
import org.civicline.routing.alarm.device.Device;
import org.civicline.routing.alarm.device.DeviceCsv;
import org.civicline.routing.alarm.device.DeviceRegistry;
import org.civicline.routing.alarm.http.AlarmRoutes;
import org.civicline.routing.alarm.http.DeviceRoutes;

/**
 * The one-touch alarm devices (一键通): registry, gateway alarms, telephony's device-call hook, the alarm desk. Lives in
 * routing because an alarm is mostly dispatch — the one queue, the nearest grid worker, escalation timers — and
 * reaches channels (SMS) and telephony only through core's bus contracts. Start it after routing and grid.
 */
public final class AlarmModule implements CivicModule {
    /** The cluster singleton's name (lock, lease and fence). */
    public static final String SINGLETON = "alarm-desk";

    @Override
    public String name() {
        return "alarms";
    }

    @Override
    public Future<Void> start(ModuleContext context, Router router) {
        AlarmConfig config = context.config().section("alarms", AlarmConfig.class);
        // Skipped when the node already read the body; each route checks its own size limit.
        router.route("/api/devices*").handler(BodyHandler.create(false).setBodyLimit(config.maxCsvBytes()));
        new AlarmRoutes(context.vertx(), config, context.clock()).mount(router);
        new DeviceRoutes(context.vertx(), config).mount(router);
        DeviceRegistry registry = new DeviceRegistry(context.stores().reference());
        return context.vertx().executeBlocking(() -> seed(context.config().directory(), config.devicesFile()))
                // One desk for the cluster; another node takes over, from the store, when it dies.
                .compose(seed -> context.vertx().deployVerticle(new SingletonDeployer(SINGLETON,
                        context.stores().fences(), context.nodeId(), fence -> new AlarmDesk(config, context.clock(),
                        context.stores().contacts(), registry, context.stores().reference(), seed, fence))))
                .mapEmpty();
    }

    /** The devices file, read and checked on a worker thread; a bad line stops the start, naming it. */
    static List<Device> seed(Path configDirectory, String file) throws IOException {
        if (file.isBlank()) {
            return List.of();
        }
        DeviceCsv.Parsed parsed = DeviceCsv.parse(Files.readString(configDirectory.resolve(file)));
        if (!parsed.problems().isEmpty()) {
            throw new ConfigException(parsed.problems().stream().map(p -> "alarms.devicesFile " + file + ": "
                    + p.field() + ": " + p.message()).toList());
        }
        return parsed.devices();
    }
}
