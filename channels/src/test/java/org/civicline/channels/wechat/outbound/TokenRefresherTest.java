package org.civicline.channels.wechat.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.civicline.channels.VendorStub;
import org.civicline.channels.wechat.WechatConfig;
import org.civicline.core.cluster.SingletonDeployer;
import org.civicline.core.store.Fence;
import org.civicline.core.store.Stores;
import org.civicline.core.store.redis.RedisStores;
import org.civicline.core.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The access-token refresher as a cluster singleton, against a local stand-in for WeChat's token endpoint and a real
 * Redis shared by two nodes. The nodes share no cluster lock (two plain Vert.x instances, as across a partition), so
 * only the lease in the store keeps the refresher single. WeChat here gives tokens that are due for refresh two
 * seconds after they are fetched (302 s of life, less the five-minute margin), so periods pass in real time.
 */
class TokenRefresherTest {
    private static final String TOKEN_PATH = "/cgi-bin/token";
    /** Seconds of life per token: due for refresh 2 s after the fetch. */
    private static final int EXPIRES_IN = (int) TokenRefresher.MARGIN.toSeconds() + 2;

    private final Vertx wechatVertx = Vertx.vertx();
    private final VendorStub wechat = new VendorStub(wechatVertx);
    private final String prefix = "wechat-token-" + UUID.randomUUID() + ":";
    private final List<Node> nodes = new ArrayList<>();
    private WechatConfig config;

    /** One node: its own Vert.x, its own connection to the shared Redis, its refresher deployer and its tokens. */
    private final class Node {
        final String name;
        final Vertx vertx = Vertx.vertx();
        final Stores stores = RedisStores.create(RedisTestServer.uri(), prefix, vertx);
        final WebClient http;
        final AccessTokens tokens;
        boolean stopped;

        Node(String name) {
            this.name = name;
            // Each node's requests say who sent them, so the stand-in can tell which node fetched.
            http = WebClient.create(vertx, new WebClientOptions().setUserAgent(name));
            tokens = new AccessTokens(vertx, config, stores.reference(), Clock.systemUTC());
        }

        Node start() throws Exception {
            await(vertx.deployVerticle(new SingletonDeployer(TokenRefresher.SINGLETON, stores.fences(), name,
                    fence -> new TokenRefresher(http, config, stores.reference(), Clock.systemUTC(), fence))));
            return this;
        }

        void stop() throws Exception {
            stopped = true;
            await(vertx.close());
            stores.close();
        }
    }

    private void givenWechat() {
        VendorStub.Answer[] tokens = new VendorStub.Answer[100];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = new VendorStub.Answer(200,
                    "{\"access_token\":\"T-" + (i + 1) + "\",\"expires_in\":" + EXPIRES_IN + "}");
        }
        wechat.script(TOKEN_PATH, tokens);
        config = new WechatConfig("token", null, "wxapp0001", "s3cret", wechat.baseUrl(), 0, 0, 0, null, null);
    }

    @AfterEach
    void stop() throws Exception {
        for (Node node : nodes) {
            if (!node.stopped) {
                node.stop();
            }
        }
        wechat.close();
        await(wechatVertx.close());
    }

    @Test
    void twoNodesShareOneFetchPerPeriodAndWhenTheRefreshersNodeDiesTheOtherRefreshes() throws Exception {
        givenWechat();
        Node a = node("node-a").start();
        wechat.awaitRequest(TOKEN_PATH, s -> true, java.time.Duration.ofSeconds(15), "first fetch");
        Node b = node("node-b").start();

        // Both nodes send messages for three periods: every fetch is the refresher's, about one per period.
        long started = System.nanoTime();
        List<String> seenByB = new ArrayList<>();
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(6)) {
            await(a.tokens.get());
            seenByB.add(await(b.tokens.get()));
            Thread.sleep(100); // the pace of outgoing messages, not a wait for a result
        }
        List<VendorStub.Seen> fetches = wechat.to(TOKEN_PATH);
        assertThat(fetches).extracting(s -> s.headers().get("User-Agent")).containsOnly("node-a");
        // One at the start and one per 2 s period of the 6 s; twice as many if both nodes fetched on their own.
        assertThat(fetches).hasSizeBetween(3, 5);
        assertThat(seenByB).as("node B uses the refresher's tokens, newer ones as they come")
                .contains("T-2", "T-3");

        // The refresher's node goes away: node B takes the refresher over and fetches from then on.
        a.stop();
        wechat.awaitRequest(TOKEN_PATH, s -> "node-b".equals(s.headers().get("User-Agent")),
                java.time.Duration.ofSeconds(15), "fetch by node B");
        // The n-th fetch gets T-n: node B soon sends with a token its own refresher fetched.
        int firstOfB = wechat.to(TOKEN_PATH).stream().map(s -> s.headers().get("User-Agent")).toList()
                .indexOf("node-b") + 1;
        waitUntil(() -> Integer.parseInt(await(b.tokens.get()).substring(2)) >= firstOfB,
                "node B using its own refresher's token");
    }

    @Test
    void aDeposedRefreshersLateTokenIsRefusedByTheStore() throws Exception {
        givenWechat();
        Node a = node("node-a");
        Node b = node("node-b");
        Fence old = await(a.stores.fences().claim(TokenRefresher.SINGLETON, "node-a", Duration.ofSeconds(30)))
                .orElseThrow();
        await(a.vertx.deployVerticle(new TokenRefresher(a.http, config, a.stores.reference(), Clock.systemUTC(),
                old)));
        waitUntil(() -> "T-1".equals(stored(b)), "node A's token stored");

        // Node A is deposed (its lease given up, as after a stall past it): node B holds a newer token.
        await(a.stores.fences().release(old));
        Fence newer = await(b.stores.fences().claim(TokenRefresher.SINGLETON, "node-b", Duration.ofSeconds(30)))
                .orElseThrow();
        assertThat(newer.token()).isGreaterThan(old.token());

        // Deposed node A, not yet knowing, fetches T-2 for a node that calls T-1 invalid: the store refuses it.
        assertThatThrownBy(() -> await(a.tokens.invalidate("T-1"))).hasMessageContaining("refused");
        assertThat(stored(b)).as("a deposed refresher's token is not stored").isEqualTo("T-1");

        // The new refresher's token is taken.
        await(b.vertx.deployVerticle(new TokenRefresher(b.http, config, b.stores.reference(), Clock.systemUTC(),
                newer)));
        await(b.tokens.invalidate("T-1"));
        assertThat(stored(b)).isNotEqualTo("T-1");
        assertThat(await(b.tokens.get())).isEqualTo(stored(b));
    }

    private Node node(String name) {
        Node node = new Node(name);
        nodes.add(node);
        return node;
    }

    private String stored(Node node) {
        return await(node.stores.reference().get(AccessTokens.KIND, "wxapp0001", AccessToken.class))
                .map(AccessToken::value).orElse(null);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 15 s");
            }
            Thread.sleep(20);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
