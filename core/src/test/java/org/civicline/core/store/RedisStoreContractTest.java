package org.civicline.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.civicline.core.model.Citizen;
import org.civicline.core.model.Contact;
import org.civicline.core.store.redis.RedisStores;
import org.civicline.core.testing.RedisTestServer;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real Redis, each test under its own key prefix; plus what only Redis can do. */
class RedisStoreContractTest extends StoreContract {
    private static RedisClient admin;
    private static StatefulRedisConnection<String, String> adminConnection;
    private final String prefix = "cl-test-" + UUID.randomUUID() + ":";

    @BeforeAll
    static void connectAdmin() {
        admin = RedisClient.create(RedisTestServer.uri());
        adminConnection = admin.connect();
    }

    @AfterAll
    static void disconnectAdmin() {
        adminConnection.close();
        admin.shutdown();
    }

    @Override
    protected Stores createStores() {
        return RedisStores.create(RedisTestServer.uri(), prefix, vertx());
    }

    /** Leaves a shared Redis (CIVICLINE_TEST_REDIS_URI) as it was found. */
    @AfterEach
    void deleteKeys() {
        RedisCommands<String, String> redis = adminConnection.sync();
        List<String> keys = new ArrayList<>();
        ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(keys::add);
        if (!keys.isEmpty()) {
            redis.del(keys.toArray(String[]::new));
        }
    }

    @Test
    void everythingSurvivesClosingAndReopeningTheClient() throws Exception {
        Contact contact = await(stores.contacts().add(contact("wx-msg-1"))).contact();
        await(stores.cases().create(details(await(stores.cases().nextNumber(DAY))), received()));
        Case registered = await(stores.cases().append("20261122-0001",
                event(2, CaseState.RECEIVED, CaseState.REGISTERED, "agent-7")));
        Citizen citizen = await(stores.citizens().put(new Citizen(null, "13800000001", null, null, "王芳", null, null)));
        await(stores.reference().put("category", "01", doc("01", "城市管理")));

        stores.close();
        stores = createStores();

        assertThat(await(stores.contacts().add(contact("wx-msg-1")))).isEqualTo(new StoredContact(contact, false));
        assertThat(await(stores.cases().get("20261122-0001"))).contains(registered);
        assertThat(await(stores.cases().nextNumber(DAY))).isEqualTo("20261122-0002");
        assertThat(await(stores.cases().recentNumbers(5))).containsExactly("20261122-0001");
        assertThat(await(stores.citizens().findByPhone("13800000001"))).contains(citizen);
        assertThat(await(stores.reference().list("category", Doc.class)))
                .containsExactly(doc("01", "城市管理"));
    }

    @Test
    void writesSurviveARedisCrashAndRestart(@TempDir Path dir) throws Exception {
        try (RedisTestServer.Instance redis = RedisTestServer.startPrivate(dir)) {
            Stores own = RedisStores.create(redis.uri(), vertx());
            Contact contact = await(own.contacts().add(contact("wx-msg-1"))).contact();
            own.close();

            redis.kill();
            redis.start();

            Stores reopened = RedisStores.create(redis.uri(), vertx());
            try {
                assertThat(await(reopened.contacts().get(contact.id()))).contains(contact);
                // The script cache died with the process: scripts must load again by themselves.
                assertThat(await(reopened.contacts().add(contact("wx-msg-1"))).created()).isFalse();
            } finally {
                reopened.close();
            }
        }
    }

    @Test
    void scriptsRunAgainAfterRedisForgetsThem(@TempDir Path dir) throws Exception {
        // A private Redis: flushing the shared one's scripts would reach whoever else uses it.
        try (RedisTestServer.Instance redis = RedisTestServer.startPrivate(dir);
             RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> connection = client.connect()) {
            Stores own = RedisStores.create(redis.uri(), vertx());
            try {
                await(own.contacts().add(contact("wx-msg-1")));
                connection.sync().scriptFlush();

                assertThat(await(own.contacts().add(contact("wx-msg-2"))).created()).isTrue();
                assertThat(await(own.contacts().add(contact("wx-msg-1"))).created()).isFalse();
            } finally {
                own.close();
            }
        }
    }

    @Test
    void storesUnderDifferentPrefixesDoNotSeeEachOther() throws Exception {
        await(stores.contacts().add(contact("wx-msg-1")));
        await(stores.cases().nextNumber(DAY));
        Stores other = RedisStores.create(RedisTestServer.uri(), prefix + "other:", vertx());
        try {
            assertThat(await(other.contacts().findByIdempotencyKey("wx-msg-1"))).isEmpty();
            assertThat(await(other.cases().nextNumber(DAY))).isEqualTo("20261122-0001");
        } finally {
            other.close();
        }
    }

    @Test
    void pingAnswersWhileRedisIsUp() throws Exception {
        await(stores.ping());
    }

    @Test
    void aRedisThatCannotBeReachedIsAStoreException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> RedisStores.create("redis://127.0.0.1:" + closedPort, vertx()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot connect to Redis at 127.0.0.1:" + closedPort);
    }

    @Test
    void callsOnAClosedStoreFailWithAStoreExceptionSayingWhatFailed() throws Exception {
        stores.close();

        Throwable failure = failure(stores.contacts().get("c-1"));
        stores = null;

        assertThat(failure).isInstanceOf(StoreException.class).hasMessageContaining("reading contact c-1");
    }

    @Test
    void storedDataIsReadableJsonForOperators() throws Exception {
        Contact contact = await(stores.contacts().add(contact("wx-msg-1"))).contact();

        String json = adminConnection.sync().get(prefix + "contact:" + contact.id());

        assertThat(json).contains("\"idempotencyKey\":\"wx-msg-1\"").contains("路灯不亮了");
        assertThat(adminConnection.sync().hgetall(prefix + "ref:category")).isEqualTo(Map.of());
    }
}
