package org.civicline.telephony.calls;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.Router;
import org.civicline.core.json.Jsons;
import org.civicline.core.telephony.TelephonyAddresses;
import org.civicline.core.telephony.TelephonyStatus;

/**
 * {@code GET /api/telephony/status}: asks whichever node holds the PBX connection; 503 when none answers (no PBX
 * configured, or the connection is being taken over).
 */
public final class StatusRoute {
    private final Vertx vertx;
    private final String pbx;

    public StatusRoute(Vertx vertx, String pbx) {
        this.vertx = vertx;
        this.pbx = pbx;
    }

    public void mount(Router router) {
        router.get("/api/telephony/status").handler(ctx -> vertx.eventBus()
                .<TelephonyStatus>request(TelephonyAddresses.STATUS, "", new DeliveryOptions().setSendTimeout(2000))
                .onSuccess(reply -> {
                    TelephonyStatus status = reply.body();
                    ctx.response().setStatusCode(status.connected() ? 200 : 503)
                            .putHeader("Content-Type", "application/json").end(Jsons.write(status));
                })
                .onFailure(e -> ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                        .end(Jsons.write(new TelephonyStatus(null, pbx, false, 0, 0, 0, 0)))));
    }
}
