package org.civicline.routing.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicline.routing.followup.CaseHandlingTest.at;
import static org.civicline.routing.followup.CasesNode.SHANGHAI;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.json.Jsons;
import org.civicline.core.reference.ReferenceData;
import org.civicline.core.store.redis.RedisStores;
import org.civicline.core.testing.RedisTestServer;
import org.civicline.core.time.ManualClock;
import org.civicline.core.workflow.Case;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two Vert.x instances, sharing no cluster lock, as across a partition) on one Redis: each due reminder
 * fires on exactly one of them. The due timers are a singleton, so one node runs them; a node that does not answers
 * the runs asked of it with nothing.
 */
class TwoNodeReminderTest {
    private final String prefix = "cl-two-nodes-" + UUID.randomUUID() + ":";
    private final ManualClock clock = new ManualClock(at("2026-11-20T10:00"), SHANGHAI);
    private CasesNode first;
    private CasesNode second;

    @BeforeEach
    void startNodes() throws Exception {
        ReferenceData reference = ReferenceData.load(CasesNode.CONFIG);
        first = new CasesNode(v -> RedisStores.create(RedisTestServer.uri(), prefix, v),
                clock, reference);
        second = new CasesNode(v -> RedisStores.create(RedisTestServer.uri(), prefix, v),
                clock, reference);
    }

    @AfterEach
    void stopNodes() throws Exception {
        first.close();
        second.close();
        try (RedisClient admin = RedisClient.create(RedisTestServer.uri());
             StatefulRedisConnection<String, String> connection = admin.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*")).forEachRemaining(keys::add);
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        }
    }

    @Test
    void aReminderDueOnBothNodesFiresOnceAndTheOverdueNoticeOnceToo() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Case c = (i % 2 == 0 ? first : second).create("0102", "1380013800" + i, "路灯不亮 " + i);
            assertThat((i % 2 == 0 ? second : first).http.post("/api/cases/" + c.number() + "/dispatch",
                    Jsons.write(Map.of("actor", "agent-7"))).status()).isEqualTo(200);
            assertThat(first.http.post("/api/cases/" + c.number() + "/accept",
                    Jsons.write(Map.of("department", "城管局"))).status()).isEqualTo(200);
            numbers.add(c.number());
        }

        settle();
        assertThat(first.notices.size() + second.notices.size()).isZero();

        clock.set(at("2026-11-24T14:12"));
        race();
        clock.set(at("2026-11-25T10:00"));
        race();

        for (String number : numbers) {
            Case c = first.get(number);
            assertThat(c.log().stream().filter(LogTag.REMINDER::marks).count()).as(number).isEqualTo(1);
            assertThat(c.log().stream().filter(LogTag.SUPERVISION::marks).count()).as(number).isEqualTo(1);
        }
        assertThat(first.notices.size() + second.notices.size()).isEqualTo(10);
    }

    @Test
    void timersSurviveTheNodesThatScheduledThem() throws Exception {
        Case c = first.create("0102", "13800138000", "路灯不亮");
        first.http.post("/api/cases/" + c.number() + "/dispatch", Jsons.write(Map.of("actor", "agent-7")));
        first.http.post("/api/cases/" + c.number() + "/accept", Jsons.write(Map.of("department", "城管局")));
        first.close();

        clock.set(at("2026-11-24T14:12"));
        second.runDueTimers();

        assertThat(second.get(c.number()).log().stream().filter(LogTag.REMINDER::marks).count()).isEqualTo(1);
        assertThat(second.notices).hasSize(1);
        first = new CasesNode(v -> RedisStores.create(RedisTestServer.uri(), prefix, v),
                clock, ReferenceData.load(CasesNode.CONFIG));
    }

    /**
     * Both nodes run what is due at the same moment. A node may also look on its own (a wake after one of its own
     * changes), so which node fires what is not predictable: only that each timer fires once.
     */
    private void race() throws Exception {
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> run(first));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> run(second));
        a.get();
        b.get();
        settle();
    }

    /** A run on each node waits for every run already queued there: afterwards nothing is in flight. */
    private void settle() {
        run(first);
        run(second);
    }

    private static int run(CasesNode node) {
        try {
            Integer fired = node.runDueTimersIfRunning();
            return fired == null ? 0 : fired;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
