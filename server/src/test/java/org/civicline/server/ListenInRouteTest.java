package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.core.config.AppConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listen-in on a node without a PBX, and with input that is not a phone: clear answers, nothing rings. */
class ListenInRouteTest {
    static CivicLine node;

    @BeforeAll
    static void start() throws Exception {
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0",
                "CIVICLINE_HTTP_HOST", "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory",
                "CIVICLINE_TELEPHONY_PBX", "none"));
        node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void withoutAPbxListenInIsUnavailableAndSaysWhy() {
        Http supervisor = Http.signedIn(node.httpPort(), "zhiban");
        // No body: the extension users.yaml gives zhiban (9001).
        Http.Answer answer = supervisor.post("/api/supervisor/agents/8001/listen", "application/json", "");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().get("reason").asText()).isEqualTo("NO_PBX");
        assertThat(answer.json().get("error").asText()).contains("no PBX");
    }

    @Test
    void anExtensionThatIsNotAPhoneIsRefusedNamingTheField() {
        Http supervisor = Http.signedIn(node.httpPort(), "zhiban");
        Http.Answer answer = supervisor.postJson("/api/supervisor/agents/8001/listen",
                "{\"extension\": \"9001,q) & Dial(PJSIP/evil\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("problems").get(0).get("field").asText()).isEqualTo("extension");
        assertThat(Http.signedIn(node.httpPort(), "8001").postJson("/api/supervisor/agents/8001/listen", "{}")
                .status()).isEqualTo(403);
    }

    @Test
    void dialingOutWithoutAPbxIsUnavailableAndABadNumberNamesTheField() {
        Http agent = Http.signedIn(node.httpPort(), "8001");
        assertThat(agent.postJson("/api/desk/dial", "{\"phone\": \"13800138000\"}").status()).isEqualTo(503);
        Http.Answer bad = agent.postJson("/api/desk/dial", "{\"phone\": \"138-abc\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("problems").get(0).get("field").asText()).isEqualTo("phone");
        assertThat(agent.get("/api/desk/contacts/c-not-mine/conversation").status()).isEqualTo(409);
    }
}
