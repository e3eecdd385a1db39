package org.civicline.telephony.sandbox;

import io.vertx.core.Vertx;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Residents for the embedded demo: every few seconds someone calls a hotline, sometimes presses a menu key, and
 * hangs up after a while — whether or not an agent took the call by then (so the demo shows abandons too).
 */
public final class DemoCaller {
    private final Vertx vertx;
    private final SandboxPbx pbx;
    private final long everyMillis;
    private long timer = -1;

    public DemoCaller(Vertx vertx, SandboxPbx pbx, int everySeconds) {
        this.vertx = vertx;
        this.pbx = pbx;
        this.everyMillis = everySeconds * 1000L;
    }

    public void start() {
        timer = vertx.setPeriodic(everyMillis, id -> placeOne());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void placeOne() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int pick = random.nextInt(100);
        String line = pick < 70 ? "12345" : pick < 90 ? "8890" : "12349";
        String caller = random.nextInt(20) == 0 ? null : "13" + (800_000_000L + random.nextLong(199_999_999L));
        String digit = random.nextBoolean() ? Integer.toString(1 + random.nextInt(3)) : null;
        pbx.call(caller, line, digit).onSuccess(call ->
                vertx.setTimer(30_000 + random.nextLong(120_000), id -> pbx.hangUp(call.channel())));
    }
}
