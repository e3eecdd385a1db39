package org.civicline.server;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.civicline.core.metrics.Metrics;

/**
 * The node's Prometheus registry and how Vert.x records into it through vertx-micrometer-metrics (HTTP server and
 * client, pools, the JVM and, when {@code metrics.eventBus} is on, the event bus), and CivicLine's own meters
 * (installed for the modules by {@link org.civicline.core.metrics.Metrics}).
 */
final class NodeMetrics {
    private final PrometheusMeterRegistry registry;
    private final boolean eventBus;

    private NodeMetrics(String nodeId, boolean eventBus) {
        this.eventBus = eventBus;
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", nodeId).meterFilter(REDIS_LATENCY_BUCKETS);
    }

    /**
     * Lettuce publishes only count, sum and max of its command latencies unless asked for a histogram over its whole
     * range (dozens of buckets per command): give its completion times CivicLine's few buckets instead, so a Redis
     * p99 can be read with histogram_quantile and summed over nodes.
     */
    private static final MeterFilter REDIS_LATENCY_BUCKETS = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (!id.getName().equals("lettuce.command.completion")) {
                return config;
            }
            double[] nanos = Arrays.stream(Metrics.latencyBuckets()).mapToDouble(Duration::toNanos).toArray();
            return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
        }
    };

    /** Null when {@code metrics.enabled} is false: Vert.x then records nothing either. */
    static NodeMetrics of(MetricsConfig config, String nodeId) {
        return config.enabled() ? new NodeMetrics(nodeId, config.eventBus()) : null;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Vert.x's metrics into this registry. */
    VertxBuilder apply(VertxBuilder builder, VertxOptions options) {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                // vertx-micrometer keeps registries by name for the whole JVM: one name per node, so that nodes
                // started in one JVM (tests) never share, and a restarted node never finds its predecessor's meters.
                .setRegistryName("civicline-" + UUID.randomUUID())
                .setJvmMetricsEnabled(true)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                // Per bus address and per route template (never the raw path: case numbers would make a series each).
                .addLabels(Label.EB_ADDRESS, Label.HTTP_ROUTE)
                // One series for all agents' own addresses and one for all reply addresses, not one per agent or
                // per request.
                .addLabelMatch(alias("civicline\\.agent\\..+", "civicline.agent.*"))
                .addLabelMatch(alias("__vertx\\.reply\\..+", "__vertx.reply.*"));
        if (!eventBus) {
            metrics.addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
        }
        options.setMetricsOptions(metrics);
        return builder.with(options).withMetrics(new MicrometerMetricsFactory(registry));
    }

    private static Match alias(String addresses, String alias) {
        return new Match().setDomain(MetricsDomain.EVENT_BUS).setLabel(Label.EB_ADDRESS.toString())
                .setType(MatchType.REGEX).setValue(addresses).setAlias(alias);
    }
}
