package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.RoutingNeeds;
import org.junit.jupiter.api.Test;

/**
 * Metrics in a cluster of two nodes on Hazelcast over loopback: each node serves its own page; the router's and the
 * AMI connection's meters appear on the one node that runs each (cluster singletons), and move with the router when
 * its node stops.
 */
class ClusteredMetricsIT {

    static PrometheusText scrape(CivicLine node) {
        Http.Answer answer = new Http(node.httpPort()).get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        return PrometheusText.parse(answer.body());
    }

    /** Scrapes both nodes until {@code done} holds for the pair (singletons take seconds to settle). */
    static List<PrometheusText> scrapeUntil(List<CivicLine> nodes, Predicate<List<PrometheusText>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        List<PrometheusText> pages = nodes.stream().map(ClusteredMetricsIT::scrape).toList();
        while (!done.test(pages) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            pages = nodes.stream().map(ClusteredMetricsIT::scrape).toList();
        }
        return pages;
    }

    static double sum(List<PrometheusText> pages, String name, String... labels) {
        return pages.stream().mapToDouble(p -> p.value(name, labels)).sum();
    }

    @Test
    void singletonMetersShowOnTheNodeThatRunsThemAndMoveWithTheRouter() throws Exception {
        int hzA = ClusterFailoverIT.freePort();
        int hzB = ClusterFailoverIT.freePort();
        String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
        String prefix = "metrics-" + UUID.randomUUID() + ":";
        CivicLine a = ClusterFailoverIT.start("node-a", hzA, members, prefix);
        CivicLine b = ClusterFailoverIT.start("node-b", hzB, members, prefix);
        try {
            List<PrometheusText> pages = scrapeUntil(List.of(a, b), p -> sum(p, "civicline_router_active") == 1
                    && sum(p, "civicline_ami_connected") == 1);
            assertThat(sum(pages, "civicline_router_active")).as("one router in the cluster").isEqualTo(1);
            assertThat(sum(pages, "civicline_ami_connected")).as("one AMI connection in the cluster").isEqualTo(1);
            assertThat(pages.get(0).value("civicline_router_active", "node", "node-a")
                    + pages.get(1).value("civicline_router_active", "node", "node-b"))
                    .as("each page tags its own node").isEqualTo(1);
            int routerNode = pages.get(0).has("civicline_router_active") ? 0 : 1;
            assertThat(pages.get(1 - routerNode).has("civicline_queue_waiting"))
                    .as("the other node shows no queue of its own").isFalse();

            // A contact queued from the node without the router: it shows on the router's node.
            CivicLine router = routerNode == 0 ? a : b;
            CivicLine other = routerNode == 0 ? b : a;
            double waitingBefore = scrape(router).value("civicline_queue_waiting", "channel", "HOTLINE_12345");
            ClusterFailoverIT.request(other, new EnqueueContact(ClusterFailoverIT.store(other, "metrics"),
                    RoutingNeeds.anyAgent()));
            PrometheusText routerPage = scrapeUntil(List.of(router), p -> p.get(0).value("civicline_queue_waiting",
                    "channel", "HOTLINE_12345") > waitingBefore).get(0);
            assertThat(routerPage.value("civicline_queue_waiting", "channel", "HOTLINE_12345"))
                    .isEqualTo(waitingBefore + 1);
            assertThat(routerPage.value("civicline_queue_entered_total", "channel", "HOTLINE_12345")).isEqualTo(1);

            router.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            PrometheusText survivor = scrapeUntil(List.of(other), p -> p.get(0).value("civicline_router_active") == 1
                    && p.get(0).value("civicline_queue_waiting", "channel", "HOTLINE_12345") >= 1).get(0);
            assertThat(survivor.value("civicline_router_active")).as("the router moved").isEqualTo(1);
            assertThat(survivor.value("civicline_queue_waiting", "channel", "HOTLINE_12345"))
                    .as("rebuilt from Redis, shown where the router now runs").isEqualTo(waitingBefore + 1);
        } finally {
            for (CivicLine node : List.of(a, b)) {
                node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
