package org.civicline.server;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Optional;
import org.civicline.core.config.ConfigException;

/** Starts Vert.x alone, or clustered on Hazelcast with the configured members. */
final class ClusterStart {
    /** The member attribute that carries each node's {@code node.id}. */
    static final String NODE_ID_ATTRIBUTE = "civicline.node.id";

    private ClusterStart() {
    }

    /**
     * {@code metrics} null: Vert.x records no metrics. Clustered, a node whose {@code nodeId} a live member already
     * has does not start: singletons' leases and the load figures are kept per node id, so two nodes of one name would
     * each take the other's lease as their own.
     */
    static Future<Vertx> vertx(ClusterConfig cluster, String nodeId, NodeMetrics metrics, int eventLoops) {
        VertxOptions options = new VertxOptions().setEventLoopPoolSize(eventLoops);
        if (!cluster.enabled()) {
            return Future.succeededFuture(builder(options, metrics).build());
        }
        Config hazelcast = new Config();
        hazelcast.setClusterName("civicline");
        // Hazelcast's own phone-home and shutdown hook are not wanted in a city's data center.
        hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
        hazelcast.setProperty("hazelcast.logging.type", "slf4j");
        hazelcast.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Fast failure detection: a dead node's singletons move within seconds.
        hazelcast.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hazelcast.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        // After a network partition heals, look for the other half within seconds rather than Hazelcast's minutes, so
        // both halves serve one cluster again soon (the store's leases kept the singletons single meanwhile).
        hazelcast.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        hazelcast.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        NetworkConfig network = hazelcast.getNetworkConfig();
        network.setPort(cluster.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(cluster.host());
        // What the other members dial: the bound address unless something (NAT, a proxy) stands in between.
        network.setPublicAddress(cluster.publicAddress());
        hazelcast.getMemberAttributeConfig().setAttribute(NODE_ID_ATTRIBUTE, nodeId);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
        EventBusOptions eventBus = new EventBusOptions().setHost(cluster.host()).setPort(cluster.eventBusPort());
        if (!cluster.eventBusPublicAddress().isEmpty()) {
            eventBus.setClusterPublicHost(cluster.eventBusPublicHost()).setClusterPublicPort(cluster.eventBusPublicPort());
        }
        options.setEventBusOptions(eventBus);
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast);
        return builder(options, metrics).withClusterManager(manager).buildClustered()
                .compose(vertx -> namesake(manager, nodeId).map(member -> vertx.close().transform(closed ->
                        Future.<Vertx>failedFuture(new ConfigException("node.id: '" + nodeId + "' is already the name "
                                + "of the cluster member at " + member + "; give every node its own node.id "
                                + "(CIVICLINE_NODE_ID)")))).orElseGet(() -> Future.succeededFuture(vertx)));
    }

    /** The address of another live member that goes by {@code nodeId}, if any. */
    private static Optional<String> namesake(HazelcastClusterManager manager, String nodeId) {
        return manager.getHazelcastInstance().getCluster().getMembers().stream()
                .filter(member -> !member.localMember() && nodeId.equals(member.getAttribute(NODE_ID_ATTRIBUTE)))
                .map(member -> member.getAddress().toString()).findFirst();
    }

    private static VertxBuilder builder(VertxOptions options, NodeMetrics metrics) {
        return metrics == null ? Vertx.builder().with(options) : metrics.apply(Vertx.builder(), options);
    }
}
