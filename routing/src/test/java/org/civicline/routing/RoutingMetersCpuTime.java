package org.civicline.routing;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.civicline.core.metrics.IntakeMeters;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;
import org.civicline.core.routing.ContactAssigned;
import org.civicline.core.routing.OfferMade;

/**
 * What the meters add to one contact's way through the router (entered, first offer timed, accepted and timed,
 * removed) and through intake (counted, timed), into the Prometheus registry the server scrapes, by the thread's CPU
 * time. Next to the router's own ~4 µs per decision ({@code bench.DecisionCpuTime}) this says whether the meters
 * matter on the hot path. Beside RoutingMeters because that class is the package's own.
 *
 * <pre>
 * ./mvnw -q -pl routing test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.civicline.routing.RoutingMetersCpuTime"
 * </pre>
 */
public final class RoutingMetersCpuTime {
    private static final int CONTACTS = 1_000_000;
    private static final int ROUNDS = 6;
    private static final int WARMUP_ROUNDS = 2;

    private RoutingMetersCpuTime() {
    }

    public static void main(String[] args) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RoutingMeters meters = new RoutingMeters(registry, Clock.systemUTC());
        IntakeMeters intake = IntakeMeters.of(registry);
        Channel[] channels = Channel.values();
        String[] ids = new String[4096];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "c" + i;
        }
        Instant since = Instant.now();
        OfferMade[] offers = new OfferMade[ids.length];
        ContactAssigned[] assignments = new ContactAssigned[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Channel channel = channels[i % channels.length];
            offers[i] = new OfferMade(ids[i] + "-o", ids[i], "8001", channel, Priority.NORMAL, null, since, since,
                    false);
            assignments[i] = new ContactAssigned(ids[i], "8001", "8001", channel, null, false, null);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long routerCpu = 0;
        long intakeCpu = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int n = 0; n < CONTACTS; n++) {
                int i = n & (ids.length - 1);
                Channel channel = channels[i % channels.length];
                meters.entered(ids[i], channel, "q", since);
                meters.offerMade(offers[i]);
                meters.assigned(assignments[i], "q", 1234);
                meters.entryRemoved(ids[i]);
            }
            long cpu1 = threads.getCurrentThreadCpuTime();
            for (int n = 0; n < CONTACTS; n++) {
                Channel channel = channels[n % channels.length];
                intake.received(channel);
                intake.acknowledged(channel, 3_000_000);
            }
            long cpu2 = threads.getCurrentThreadCpuTime();
            if (round >= WARMUP_ROUNDS) {
                routerCpu += cpu1 - cpu0;
                intakeCpu += cpu2 - cpu1;
            }
        }
        long measured = (long) CONTACTS * (ROUNDS - WARMUP_ROUNDS);
        System.out.printf(Locale.ROOT, "router meters per contact (entered, offer, accept, removed): %6.0f ns CPU%n",
                (double) routerCpu / measured);
        System.out.printf(Locale.ROOT, "intake meters per contact (received, acknowledged):          %6.0f ns CPU%n",
                (double) intakeCpu / measured);
        System.out.printf(Locale.ROOT, "scrape: %,d bytes of Prometheus text%n", registry.scrape().length());
    }
}
