package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.core.config.AppConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The case API over real HTTP on a node with the embedded defaults. */
class CaseApiTest {
    static final Path CONFIG = Path.of(System.getProperty("civicline.config.dir", "../config"));
    static final String VALID = """
            {"actor": "agent-7", "channel": "HOTLINE_12345", "categoryCode": "0101", "priority": "NORMAL",
             "citizenPhone": "13800138000", "citizenName": "王女士",
             "description": "幸福路 12 号门前路灯不亮三天了", "address": "幸福路 12 号",
             "location": {"longitude": 121.47, "latitude": 31.23}}""";

    static CivicLine node;
    static Http http;
    static Http supervisor;

    @BeforeAll
    static void start() throws Exception {
        AppConfig config = AppConfig.load(CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0", "CIVICLINE_HTTP_HOST",
                "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory"));
        node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        http = Http.signedIn(node.httpPort(), "8001");
        supervisor = Http.signedIn(node.httpPort(), "zhiban");
    }

    @AfterAll
    static void stop() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aPostedCaseGetsANumberATimeLimitAndItsFirstLogEntryAndCanBeReadBack() {
        Http.Answer created = http.postJson("/api/cases", VALID);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json();
        String number = c.get("number").asText();
        assertThat(number).matches("\\d{8}-\\d{4,}");
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/cases/" + number);
        assertThat(c.get("state").asText()).isEqualTo("RECEIVED");
        assertThat(c.get("stateName").asText()).isEqualTo("接件");
        assertThat(c.get("deadline").asText()).isNotBlank();
        assertThat(c.get("citizenId").asText()).isNotBlank();
        assertThat(c.get("log")).hasSize(1);

        JsonNode read = http.get("/api/cases/" + number).json();
        assertThat(read.get("description").asText()).isEqualTo("幸福路 12 号门前路灯不亮三天了");
        assertThat(read.get("log").get(0).get("actor").asText()).as("the signed-in agent, not the body's claim")
                .isEqualTo("8001");
    }

    @Test
    void caseNumbersAreDistinct() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            numbers.add(http.postJson("/api/cases", VALID).json().get("number").asText());
        }
        assertThat(numbers).doesNotHaveDuplicates();
    }

    @Test
    void aCaseMovesThroughTheWorkflowAndRefusesIllegalStepsAndStaleVersions() {
        String number = http.postJson("/api/cases", VALID).json().get("number").asText();
        String path = "/api/cases/" + number + "/transitions";

        Http.Answer registered = http.postJson(path, "{\"to\": \"REGISTERED\", \"actor\": \"agent-7\", \"expectedVersion\": 1}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.json().get("version").asInt()).isEqualTo(2);

        Http.Answer stale = http.postJson(path, "{\"to\": \"CANCELLED\", \"actor\": \"agent-9\", \"reason\": \"重复\", \"expectedVersion\": 1}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("error").asText()).contains("version 2");

        Http.Answer illegal = http.postJson(path, "{\"to\": \"CLOSED\", \"actor\": \"agent-7\"}");
        assertThat(illegal.status()).isEqualTo(422);
        assertThat(illegal.json().get("error").asText()).contains("REGISTERED 立案").contains("CLOSED 结案");

        Http.Answer dispatched = http.postJson(path, "{\"to\": \"DISPATCHED\", \"actor\": \"agent-7\", \"assignee\": \"市住建局\"}");
        assertThat(dispatched.status()).as(dispatched.body()).isEqualTo(200);
        assertThat(dispatched.json().get("assignee").asText()).isEqualTo("市住建局");
        assertThat(dispatched.json().get("log")).hasSize(3);
    }

    @Test
    void badRequestsAreAnsweredWithTheFieldThatIsWrong() {
        assertProblem(http.postJson("/api/cases", "{\"channel\": \"HOTLINE_12345\"}"), "description", "required");
        assertProblem(http.postJson("/api/cases", VALID.replace("HOTLINE_12345", "FAX")), "channel", "HOTLINE_12345");
        assertProblem(http.postJson("/api/cases", VALID.replace("\"0101\"", "\"9999\"")), "categoryCode", "9999");
        assertProblem(http.postJson("/api/cases", VALID.replace("\"actor\"", "\"actr\"")), "actr", "unknown field");
        assertProblem(http.postJson("/api/cases", VALID.replace("121.47", "221.47")), "location", "longitude");
        assertProblem(http.postJson("/api/cases", VALID.replace("13800138000", "call me")), "citizenPhone", "phone");
        assertProblem(http.postJson("/api/cases", "{\"description\": "), "body", "not valid JSON");
        assertProblem(http.postJson("/api/cases", "[1, 2]"), "body", "");
        assertProblem(http.postJson("/api/cases", "{\"description\": \"" + "长".repeat(4001)
                + "\", \"channel\": \"APP\"}"), "description", "4000");

        Http.Answer plain = http.post("/api/cases", "text/plain", VALID);
        assertThat(plain.status()).isEqualTo(415);

        Http.Answer huge = http.postJson("/api/cases", "{\"description\": \"" + "x".repeat(2_000_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void unknownAndMalformedCaseNumbersAreTold() {
        Http.Answer missing = http.get("/api/cases/19990101-0001");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).contains("19990101-0001");

        assertProblem(http.get("/api/cases/not-a-number"), "number", "20261122-0001");
    }

    @Test
    void healthAndReadinessAnswer() throws InterruptedException {
        assertThat(new Http(node.httpPort()).get("/health").json().get("status").asText()).isEqualTo("UP");
        // Ready once the sandbox PBX's AMI login is through, which the node does not wait for at start.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Http.Answer ready = http.get("/ready");
        while (ready.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = http.get("/ready");
        }
        assertThat(ready.json().get("status").asText()).as(ready.body()).isEqualTo("READY");
        assertThat(http.get("/no/such/page").status()).isEqualTo(404);
    }

    @Test
    void theRoutingFiguresAreServedAsJson() {
        Http.Answer live = supervisor.get("/api/routing/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("offersOutstanding").asInt()).isZero();
        Http.Answer agents = supervisor.get("/api/routing/agents");
        assertThat(agents.json().findValuesAsText("agentId")).contains("8001", "8005");
        assertThat(agents.json().findValuesAsText("presence")).containsOnly("OFFLINE");
        Http.Answer day = supervisor.get("/api/routing/stats?period=day&date=2026-11-23");
        assertThat(day.status()).isEqualTo(200);
        assertThat(day.json().isArray()).isTrue();
        Http.Answer bad = supervisor.get("/api/routing/stats?period=week");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("period");
        assertThat(supervisor.get("/api/routing/stats?period=day&date=23.11.2026").status()).isEqualTo(400);
    }

    private static void assertProblem(Http.Answer answer, String field, String words) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode problems = answer.json().get("problems");
        assertThat(problems).as(answer.body()).isNotNull();
        assertThat(problems.findValuesAsText("field")).as(answer.body()).contains(field);
        assertThat(answer.body()).contains(words);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
