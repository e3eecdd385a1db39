package org.civicline.routing.alarm.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Clock;
import org.civicline.routing.alarm.AlarmConfig;
import org.civicline.routing.alarm.AlarmReport;
import org.civicline.routing.alarm.AlarmRequests;
import org.civicline.routing.alarm.GatewayKeys;
import org.civicline.routing.grid.http.JsonExchange;

/**
 * {@code POST /api/devices/alarms}: a device gateway reports an alarm, authenticated by {@code X-Gateway-Id} and
 * {@code X-Gateway-Key}. Answered once the alarm is stored and queued, so a gateway retries only what was lost.
 */
public final class AlarmRoutes {
    public static final String PATH = "/api/devices/alarms";
    private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    private final Vertx vertx;
    private final AlarmConfig config;
    private final GatewayKeys keys;
    private final Clock clock;

    public AlarmRoutes(Vertx vertx, AlarmConfig config, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.keys = new GatewayKeys(config.gateways());
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post(PATH).handler(this::alarm);
    }

    private void alarm(RoutingContext ctx) {
        String gateway = ctx.request().getHeader("X-Gateway-Id");
        if (!keys.valid(gateway, ctx.request().getHeader("X-Gateway-Key"))) {
            JsonExchange.error(ctx, 401, "unknown gateway or wrong key (send X-Gateway-Id and X-Gateway-Key)");
            return;
        }
        JsonExchange.read(ctx, AlarmReport.class, config.maxBodyBytes()).ifPresent(report -> {
            String problem = problem(report);
            if (problem != null) {
                JsonExchange.invalid(ctx, problem.substring(0, problem.indexOf(':')),
                        problem.substring(problem.indexOf(':') + 2));
                return;
            }
            JsonExchange.ask(vertx, ctx, AlarmRequests.RAISE, new AlarmRequests.Raise(gateway, report));
        });
    }

    private String problem(AlarmReport r) {
        if (r.deviceId() == null || !r.deviceId().matches("[A-Za-z0-9_-]{3,40}")) {
            return "deviceId: expected the device's id (3 to 40 letters, digits, '-' or '_')";
        }
        if (r.type() == null) {
            return "type: expected SOS, FALL, LOW_BATTERY or HEARTBEAT_MISSING";
        }
        if (r.at() != null && Duration.between(r.at(), clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            return "at: more than a day away from now; is the gateway's clock set?";
        }
        if ((r.longitude() == null) != (r.latitude() == null)) {
            return (r.longitude() == null ? "longitude" : "latitude") + ": send both or neither";
        }
        if (r.longitude() != null && !(Math.abs(r.longitude()) <= 180 && Math.abs(r.latitude()) <= 90)) {
            return "longitude: out of range";
        }
        if (r.eventId() != null && r.eventId().length() > 100) {
            return "eventId: at most 100 characters";
        }
        return null;
    }
}
