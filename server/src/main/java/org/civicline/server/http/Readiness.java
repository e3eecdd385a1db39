package org.civicline.server.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.core.store.Stores;
import org.civicline.core.telephony.TelephonyAddresses;
import org.civicline.core.telephony.TelephonyStatus;

/**
 * What a node needs before a load balancer sends it work: the store answers (a Redis PING when the store is
 * Redis) and, when the node is configured with a PBX, the AMI connection is up. The PBX is asked over the bus
 * ({@link TelephonyAddresses#STATUS}), so in a cluster the node that holds the one AMI connection answers.
 */
public final class Readiness {
    /** A check that takes longer than this counts as down: a load balancer waits only a few seconds. */
    static final long CHECK_MILLIS = 2_000;
    public static final String UP = "UP";

    private final Vertx vertx;
    private final Stores stores;
    private final boolean pbxExpected;

    /** {@code pbxExpected}: telephony.pbx is sandbox or asterisk (not none). */
    public Readiness(Vertx vertx, Stores stores, boolean pbxExpected) {
        this.vertx = vertx;
        this.stores = stores;
        this.pbxExpected = pbxExpected;
    }

    /** Each part's state in a fixed order: {@link #UP}, or why it is down. Never fails. */
    public Future<Map<String, String>> check() {
        Future<String> store = stores.ping().timeout(CHECK_MILLIS, TimeUnit.MILLISECONDS)
                .map(ok -> UP)
                .otherwise(e -> "no answer from the store: " + e.getMessage());
        Future<String> ami = pbxExpected ? ami() : Future.succeededFuture(null);
        return Future.join(store, ami).transform(done -> {
            Map<String, String> parts = new LinkedHashMap<>();
            parts.put("store", store.result());
            if (ami.result() != null) {
                parts.put("ami", ami.result());
            }
            return Future.succeededFuture(parts);
        });
    }

    private Future<String> ami() {
        return vertx.eventBus().<TelephonyStatus>request(TelephonyAddresses.STATUS, "",
                        new DeliveryOptions().setSendTimeout(CHECK_MILLIS))
                .map(reply -> reply.body().connected() ? UP
                        : "the PBX (" + reply.body().pbx() + ") is not connected")
                .otherwise(e -> e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
                        ? "no node holds the AMI connection"
                        : "no answer about the AMI connection: " + e.getMessage());
    }
}
