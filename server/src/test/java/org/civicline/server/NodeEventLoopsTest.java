package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeEventLoopsTest {

    @Test
    void theNodeRunsOneEventLoopPerCoreUnlessConfigured() {
        assertThat(new NodeConfig("node-1", 0).eventLoopPool()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(new NodeConfig("node-1", 3).eventLoopPool()).isEqualTo(3);
        assertThat(new NodeConfig("node-1", -1).problems())
                .containsExactly("eventLoops: expected 0 (one per core) up to 256, got -1");
        assertThat(new NodeConfig("node 1", 0).problems()).singleElement().asString().startsWith("id: expected");
    }

    @Test
    void verticlesShareExactlyTheConfiguredEventLoops() throws Exception {
        ClusterConfig standalone = new ClusterConfig(false, null, 0, null, 0, null, null);
        Vertx vertx = ClusterStart.vertx(standalone, "node-1", null, 3).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        try {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            vertx.deployVerticle(() -> new AbstractVerticle() {
                @Override
                public void start() {
                    threads.add(Thread.currentThread().getName());
                }
            }, new DeploymentOptions().setInstances(12)).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);

            assertThat(threads).as("twelve verticles, round robin over the loops").hasSize(3)
                    .allSatisfy(name -> assertThat(name).startsWith("vert.x-eventloop-thread-"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
