package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.civicline.core.testing.RedisTestServer;
import org.civicline.server.fault.NodeProcess;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run as a real process on Redis: a case posted before a SIGTERM is still there, with its whole
 * event log, after the server starts again.
 */
class RestartOnRedisIT {
    @Test
    void aCasePostedBeforeARestartIsReturnedWithItsFullEventLogAfterIt() throws Exception {
        String prefix = "it-" + UUID.randomUUID() + ":";

        NodeProcess first = start("restart-first", prefix);
        Http http = Http.signedIn(first.port(), "8001");
        Http.Answer created = http.postJson("/api/cases", CaseApiTest.VALID);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().get("number").asText();
        String path = "/api/cases/" + number + "/transitions";
        assertThat(http.postJson(path, "{\"to\": \"REGISTERED\", \"actor\": \"agent-7\"}").status()).isEqualTo(200);
        assertThat(http.postJson(path, "{\"to\": \"DISPATCHED\", \"actor\": \"agent-7\", \"assignee\": \"市住建局\"}")
                .status()).isEqualTo(200);
        JsonNode before = http.get("/api/cases/" + number).json();
        first.terminate();
        assertThat(first.output()).as("a clean stop on SIGTERM, exit " + first.exitValue()).anyMatch(line -> line.contains("stopping node"));

        NodeProcess second = start("restart-second", prefix);
        try {
            JsonNode after = Http.signedIn(second.port(), "8001").get("/api/cases/" + number).json();
            assertThat(after.get("state").asText()).isEqualTo("DISPATCHED");
            assertThat(after.get("log")).hasSize(3);
            assertThat(after).isEqualTo(before);
        } finally {
            second.terminate();
        }
    }

    private static NodeProcess start(String name, String prefix) throws Exception {
        Map<String, String> env = NodeProcess.baseEnvironment(name);
        env.put("CIVICLINE_STORE_TYPE", "redis");
        env.put("CIVICLINE_STORE_REDIS_URI", RedisTestServer.uri());
        env.put("CIVICLINE_STORE_REDIS_KEY_PREFIX", prefix);
        return NodeProcess.start(name, env);
    }
}
