package org.civicline.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Over real HTTP on loopback: the peer is 127.0.0.1, standing in for nginx when it is trusted. */
class ClientAddressesTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private Vertx vertx;
    private HttpServer server;
    private volatile ClientAddresses addresses;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.response()
                .end(addresses.of(request) + " " + ClientAddresses.isLocalAndDirect(request)))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String ask(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + "/"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void withoutTrustedProxiesTheClientIsThePeerWhateverTheHeadersSay() throws Exception {
        addresses = ClientAddresses.DIRECT;

        assertThat(ask()).isEqualTo("127.0.0.1 true");
        assertThat(ask("X-Real-IP", "203.0.113.7")).as("a client naming itself").isEqualTo("127.0.0.1 false");
        assertThat(ask("X-Forwarded-For", "203.0.113.7")).isEqualTo("127.0.0.1 false");
    }

    @Test
    void aTrustedProxyNamesTheClient() throws Exception {
        addresses = new ClientAddresses(List.of("10.0.0.10", "127.0.0.1"));

        assertThat(ask("X-Real-IP", "203.0.113.7")).isEqualTo("203.0.113.7 false");
        assertThat(ask("X-Forwarded-For", "198.51.100.1, 203.0.113.9"))
                .as("the entry the proxy added, not one the client sent").isEqualTo("203.0.113.9 false");
        assertThat(ask("X-Real-IP", "2001:db8:0:0:0:0:0:1")).as("one spelling per address")
                .isEqualTo("2001:db8:0:0:0:0:0:1 false");
        assertThat(ask("X-Real-IP", "not-an-address", "X-Forwarded-For", "203.0.113.5"))
                .isEqualTo("203.0.113.5 false");
        assertThat(ask("X-Real-IP", "evil.example")).as("a name is never looked up").isEqualTo("127.0.0.1 false");
        assertThat(ask()).as("the proxy's own request").isEqualTo("127.0.0.1 true");
    }

    @Test
    void onlyAddressesAreTrusted() {
        assertThat(ClientAddresses.isAddress("10.0.0.10")).isTrue();
        assertThat(ClientAddresses.isAddress("::1")).isTrue();
        assertThat(ClientAddresses.isAddress("nginx.internal")).isFalse();
        assertThat(ClientAddresses.isAddress("10.0.0.300")).isFalse();
        assertThatThrownBy(() -> new ClientAddresses(List.of("nginx.internal")))
                .hasMessageContaining("nginx.internal");
    }
}
