package org.civicline.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.UUID;

/**
 * The node's Prometheus registry and how Vert.x records into it: HTTP server and client, event bus, pools and the
 * JVM through vertx-micrometer-metrics, and CivicLine's own meters (installed for the modules by {@link
 * org.civicline.core.metrics.Metrics}).
 */
final class NodeMetrics {
    private final PrometheusMeterRegistry registry;

    private NodeMetrics(String nodeId) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", nodeId);
    }

    /** Null when {@code metrics.enabled} is false: Vert.x then records nothing either. */
    static NodeMetrics of(MetricsConfig config, String nodeId) {
        return config.enabled() ? new NodeMetrics(nodeId) : null;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Vert.x's metrics into this registry. */
    VertxBuilder apply(VertxBuilder builder, VertxOptions options) {
        options.setMetricsOptions(new MicrometerMetricsOptions()
                .setEnabled(true)
                // vertx-micrometer keeps registries by name for the whole JVM: one name per node, so that nodes
                // started in one JVM (tests) never share, and a restarted node never finds its predecessor's meters.
                .setRegistryName("civicline-" + UUID.randomUUID())
                .setJvmMetricsEnabled(true)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                // One series for all agents' own addresses instead of one per agent.
                .addLabelMatch(new Match().setDomain(MetricsDomain.EVENT_BUS).setLabel("address")
                        .setType(MatchType.REGEX).setValue("civicline\\.agent\\..+").setAlias("civicline.agent.*")));
        return builder.with(options).withMetrics(new MicrometerMetricsFactory(registry));
    }
}
