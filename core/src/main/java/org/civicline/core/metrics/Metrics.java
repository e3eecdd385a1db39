package org.civicline.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;

/**
 * Where every module finds the node's meter registry. The server installs one Prometheus registry per Vert.x
 * instance at start ({@code GET /metrics} reads it); a module started without one (unit tests, {@code
 * metrics.enabled: false}) gets a registry that keeps nothing, so modules never check whether metrics are on.
 *
 * <p>Names are Micrometer's dotted form with the {@code civicline.} prefix ({@code civicline.queue.waiting} is
 * {@code civicline_queue_waiting} in Prometheus). Meters are looked up once and kept: the registry's lookup builds
 * an id, which the hot paths should not pay per event.
 */
public final class Metrics {
    /**
     * Histogram buckets of every CivicLine latency: few enough to keep the series count small per tag, close
     * enough around the targets (20 ms to an offer, seconds to an acknowledgement) to read p99 with
     * {@code histogram_quantile}.
     */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private static final String MAP = "civicline.metrics";
    private static final String KEY = "registry";
    /** A composite with no members: its meters record nothing and cost a method call. */
    private static final MeterRegistry NONE = new CompositeMeterRegistry();

    private Metrics() {
    }

    /** The buckets every CivicLine latency histogram uses (a copy). */
    public static Duration[] latencyBuckets() {
        return LATENCY_BUCKETS.clone();
    }

    /** Makes {@code registry} the one the node's modules record into. Called once, before the modules start. */
    public static void install(Vertx vertx, MeterRegistry registry) {
        vertx.sharedData().<String, Held>getLocalMap(MAP).put(KEY, new Held(registry));
    }

    /** Whether the node records metrics (a registry was installed). */
    public static boolean enabled(Vertx vertx) {
        return registry(vertx) != NONE;
    }

    /** The node's registry, or one that keeps nothing when metrics are off. */
    public static MeterRegistry registry(Vertx vertx) {
        Held held = vertx.sharedData().<String, Held>getLocalMap(MAP).get(KEY);
        return held == null ? NONE : held.registry();
    }

    /** Local maps accept only values marked as safe to share; the registry is thread-safe by Micrometer's contract. */
    private record Held(MeterRegistry registry) implements Shareable {
    }
}
