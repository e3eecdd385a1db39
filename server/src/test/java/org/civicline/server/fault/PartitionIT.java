package org.civicline.server.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.civicline.server.fault.RedisProcess.AppendFsync;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two nodes from the jar on one Redis, with every link between them (Hazelcast and the event bus) running through a
 * {@link TcpLink} the test can cut. After the cut each side holds "the" Hazelcast lock of the router, but the lease in
 * Redis keeps the second side waiting; then the leading node stalls (SIGSTOP, as a long GC pause or a frozen VM does)
 * past its lease, the other side takes the router over with a newer fencing token and routes the waiting contacts,
 * and the stalled node wakes up still believing it leads, with an agent's acceptance of a contact already given to
 * the other side in its socket. Agents on both sides accept whatever they are offered throughout.
 *
 * <p>Proved: no contact is accepted by two agents, the woken node's late acceptance is refused and it steps down on
 * its refused token, every acknowledged message ends with exactly one agent, and once the link is healed the two
 * nodes form one cluster again that routes from both sides through the one router.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PartitionIT {
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(System.currentTimeMillis());

    private final List<AutoCloseable> resources = new ArrayList<>();
    /** Contact id → the agent whose acceptance the router confirmed (200), over both sides. */
    private final Map<String, String> acceptedBy = new HashMap<>();
    private final List<String> doubleAcceptances = new ArrayList<>();
    private int acknowledged;

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void aCutOffLeaderThatWakesUpLateNeverHandsAContactToASecondAgentAndTheHealedClusterRoutesAsOne()
            throws Exception {
        long started = System.nanoTime();
        RedisProcess redis = RedisProcess.start(Files.createTempDirectory("civicline-partition-"),
                AppendFsync.EVERYSEC);
        resources.add(redis);
        String prefix = "partition-" + UUID.randomUUID() + ":";
        Side a = side("partition-a", redis, prefix);
        Side b = side("partition-b", redis, prefix);
        String members = "127.0.0.1:" + a.hazelcastLink.port() + ",127.0.0.1:" + b.hazelcastLink.port();
        Set<Long> before = nodePids();
        a.node = launch(a, members, prefix, redis);
        a.pid = newPid(before);
        b.node = launch(b, members, prefix, redis);
        b.pid = newPid(Set.copyOf(union(before, Set.of(a.pid))));
        a.node.awaitRunning(Duration.ofSeconds(60));
        b.node.awaitRunning(Duration.ofSeconds(60));

        Side leader = await(() -> runsRouter(a) ? Optional.of(a) : runsRouter(b) ? Optional.of(b) : Optional.empty(),
                Duration.ofSeconds(30), "a node running the router");
        Side other = leader == a ? b : a;
        leader.desk = AgentDesk.signIn("8001", leader.node.baseUrl());
        other.desk = AgentDesk.signIn("8002", other.node.baseUrl());
        // Both reach the one router: the cluster has formed over the links.
        awaitTrue(() -> leader.desk.available().ok() && other.desk.available().ok(), Duration.ofSeconds(40),
                "both agents available through their own nodes");

        // The cut. The other side loses the router (its requests fail), the leader keeps routing.
        a.cut();
        b.cut();
        awaitTrue(() -> !other.desk.available().ok(), Duration.ofSeconds(20), "the cut-off side losing the router");
        List<String> onLeader = submit(leader, 3);
        List<String> onOther = submit(other, 2);
        assertThat(leader.desk.available().status()).as("the leader's side still routes").isEqualTo(200);
        // The leader's agent takes two contacts and leaves the third offer standing.
        acceptOffers(leader, 2, Duration.ofSeconds(20));
        JsonNode standing = await(leader.desk::standingOffer, Duration.ofSeconds(20), "a third offer on the leader");
        String contested = standing.get("contactId").asText();
        assertThat(other.desk.standingOffer()).as("nothing is offered on the side without a router").isEmpty();

        // The leader stalls past its lease; its agent's acceptance waits in its socket.
        signal(leader, "-STOP");
        CompletableFuture<AgentDesk.Reply> lateAcceptance = CompletableFuture.supplyAsync(
                () -> leader.desk.accept(standing.get("offerId").asText()));
        awaitTrue(() -> other.desk.available().ok(), Duration.ofSeconds(30),
                "the other side taking the router over once the lease ran out");
        String otherLine = other.node.awaitLine(l -> l.contains("now runs the router"), Duration.ofSeconds(5),
                "its take-over");
        assertThat(otherLine).contains("fencing token");
        // The new router has the contested contact from Redis, and the other side's agent takes it.
        awaitTrue(() -> {
            acceptOffers(other, 1, Duration.ofSeconds(2));
            return acceptedBy.containsKey(contested);
        }, Duration.ofSeconds(30), "the contested contact accepted on the other side");
        assertThat(acceptedBy).containsEntry(contested, other.desk.agentId());

        // The stalled leader wakes up believing it leads; its agent's acceptance is refused.
        signal(leader, "-CONT");
        AgentDesk.Reply late = lateAcceptance.get(30, TimeUnit.SECONDS);
        assertThat(late.status()).as("the woken leader's acceptance of a contact it no longer holds: " + late)
                .isNotEqualTo(200);
        String stepDown = leader.node.awaitLine(l -> l.contains("stops running the router"), Duration.ofSeconds(15),
                "the woken leader stepping down");
        assertThat(stepDown).containsAnyOf("is no longer in force", "was refused");
        List<String> refusedWrites = leader.node.output().stream().filter(l -> l.contains("FENCED")).toList();

        // Heal: the two sides merge into one cluster and route through the one router from both.
        a.heal();
        b.heal();
        awaitTrue(() -> leader.desk.available().ok(), Duration.ofSeconds(60),
                "the healed side reaching the router again");
        List<String> afterHeal = new ArrayList<>(submit(leader, 1));
        afterHeal.addAll(submit(other, 1));
        awaitTrue(() -> {
            acceptOffers(leader, 1, Duration.ofMillis(500));
            acceptOffers(other, 1, Duration.ofMillis(500));
            return acceptedBy.size() == acknowledged;
        }, Duration.ofSeconds(30), "every acknowledged message accepted once");

        assertThat(doubleAcceptances).as("contacts accepted by a second agent").isEmpty();
        try (RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> store = connection.sync();
            // Accepted contacts stay in the queue hash as held by their agent (not finished here): none may wait.
            assertThat(store.hvals(prefix + "queue")).as("contacts still waiting in the store")
                    .allSatisfy(entry -> assertThat(entry).doesNotContain("\"heldBy\":null"));
            assertThat(store.get(prefix + "fence-holder:router")).as("the one lease")
                    .isEqualTo(other.nodeId);
            assertThat(Long.parseLong(store.get(prefix + "fence:router"))).as("tokens issued").isGreaterThanOrEqualTo(2);
        }
        assertThat(leadershipChanges(other).get(leadershipChanges(other).size() - 1)).contains("now runs the router");
        assertThat(leadershipChanges(leader).get(leadershipChanges(leader).size() - 1))
                .contains("stops running the router");
        System.out.printf("PartitionIT: %d messages, %d on the cut-off side, contested %s; late acceptance %d;"
                        + " fenced refusals on the woken leader: %d; %d s%n", acknowledged, onOther.size(), contested,
                late.status(), refusedWrites.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /** Accepts up to {@code count} offers standing for the side's agent within {@code limit}. */
    private void acceptOffers(Side side, int count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int taken = 0;
        while (taken < count && System.nanoTime() < deadline) {
            Optional<JsonNode> offer = side.desk.standingOffer();
            if (offer.isEmpty()) {
                pause(100);
                continue;
            }
            String contactId = offer.get().get("contactId").asText();
            AgentDesk.Reply reply = side.desk.accept(offer.get().get("offerId").asText());
            if (reply.ok()) {
                taken++;
                String earlier = acceptedBy.putIfAbsent(contactId, side.desk.agentId());
                if (earlier != null) {
                    doubleAcceptances.add(contactId + " by " + earlier + " and " + side.desk.agentId());
                }
            }
        }
    }

    /** WeChat messages from new senders, each one contact; returns the senders. */
    private List<String> submit(Side side, int count) {
        List<String> senders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String openId = "o-partition-" + UUID.randomUUID();
            Residents.Answer answer = Residents.wechatText(side.node.baseUrl(), openId,
                    MESSAGE_IDS.incrementAndGet(), "小区路灯不亮了 " + i);
            assertThat(answer.status()).as("WeChat message to " + side.nodeId + ": " + answer.body()).isEqualTo(200);
            acknowledged++;
            senders.add(openId);
        }
        return senders;
    }

    private static boolean runsRouter(Side side) {
        return side.node.line(l -> l.contains("now runs the router")).isPresent();
    }

    private static List<String> leadershipChanges(Side side) {
        return side.node.output().stream()
                .filter(l -> l.contains("now runs the router") || l.contains("stops running the router")).toList();
    }

    private Side side(String nodeId, RedisProcess redis, String prefix) throws IOException {
        Side side = new Side(nodeId, freePort(), freePort());
        side.hazelcastLink = TcpLink.to(side.hazelcastPort);
        side.eventBusLink = TcpLink.to(side.eventBusPort);
        resources.add(side.hazelcastLink);
        resources.add(side.eventBusLink);
        return side;
    }

    private NodeProcess launch(Side side, String members, String prefix, RedisProcess redis) throws IOException {
        Map<String, String> env = NodeProcess.baseEnvironment(side.nodeId);
        env.putAll(Residents.channelEnvironment());
        env.put("CIVICLINE_STORE_TYPE", "redis");
        env.put("CIVICLINE_STORE_REDIS_URI", redis.uri());
        env.put("CIVICLINE_STORE_REDIS_KEY_PREFIX", prefix);
        env.put("CIVICLINE_TELEPHONY_PBX", "none");
        env.put("CIVICLINE_CLUSTER_ENABLED", "true");
        env.put("CIVICLINE_CLUSTER_PORT", String.valueOf(side.hazelcastPort));
        env.put("CIVICLINE_CLUSTER_MEMBERS", members);
        env.put("CIVICLINE_CLUSTER_PUBLIC_ADDRESS", "127.0.0.1:" + side.hazelcastLink.port());
        env.put("CIVICLINE_CLUSTER_EVENT_BUS_PORT", String.valueOf(side.eventBusPort));
        env.put("CIVICLINE_CLUSTER_EVENT_BUS_PUBLIC_ADDRESS", "127.0.0.1:" + side.eventBusLink.port());
        NodeProcess node = NodeProcess.launch(side.nodeId, env);
        resources.add(node);
        return node;
    }

    /** One node and the links its peers reach it through. */
    private static final class Side {
        final String nodeId;
        final int hazelcastPort;
        final int eventBusPort;
        TcpLink hazelcastLink;
        TcpLink eventBusLink;
        NodeProcess node;
        long pid;
        AgentDesk desk;

        Side(String nodeId, int hazelcastPort, int eventBusPort) {
            this.nodeId = nodeId;
            this.hazelcastPort = hazelcastPort;
            this.eventBusPort = eventBusPort;
        }

        void cut() {
            hazelcastLink.cut();
            eventBusLink.cut();
        }

        void heal() throws IOException {
            hazelcastLink.heal();
            eventBusLink.heal();
        }
    }

    /** The test JVM's node processes (children running the jar). */
    private static Set<Long> nodePids() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> c.contains("civicline.jar")).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static long newPid(Set<Long> before) {
        Set<Long> now = nodePids();
        now.removeAll(before);
        assertThat(now).as("the node just launched").hasSize(1);
        return now.iterator().next();
    }

    private static Set<Long> union(Set<Long> a, Set<Long> b) {
        Set<Long> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void signal(Side side, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(side.pid)).inheritIO().start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill " + signal).isTrue();
    }

    private static <T> T await(java.util.function.Supplier<Optional<T>> probe, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            pause(200);
        }
        return probe.get().orElseThrow(() -> new AssertionError("no " + what + " within " + limit));
    }

    private static void awaitTrue(BooleanSupplier probe, Duration limit, String what) {
        await(() -> probe.getAsBoolean() ? Optional.of(true) : Optional.empty(), limit, what);
    }

    /** The bounded pause between two polls. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
