package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.core.testing.RedisTestServer;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run as a real process on Redis: a case posted before a SIGTERM is still there, with its whole
 * event log, after the server starts again.
 */
class RestartOnRedisIT {
    private static final Pattern RUNNING = Pattern.compile("CivicLine is running at http://localhost:(\\d+)/");
    private static final Path JAR = Path.of("target/civicline.jar");

    @Test
    void aCasePostedBeforeARestartIsReturnedWithItsFullEventLogAfterIt() throws Exception {
        assertThat(JAR).as("the runnable jar is built in the package phase").exists();
        String prefix = "it-" + UUID.randomUUID() + ":";

        Server first = Server.start(prefix);
        Http http = Http.signedIn(first.port, "8001");
        Http.Answer created = http.postJson("/api/cases", CaseApiTest.VALID);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().get("number").asText();
        String path = "/api/cases/" + number + "/transitions";
        assertThat(http.postJson(path, "{\"to\": \"REGISTERED\", \"actor\": \"agent-7\"}").status()).isEqualTo(200);
        assertThat(http.postJson(path, "{\"to\": \"DISPATCHED\", \"actor\": \"agent-7\", \"assignee\": \"市住建局\"}")
                .status()).isEqualTo(200);
        JsonNode before = http.get("/api/cases/" + number).json();
        first.terminate();
        assertThat(first.output()).as("a clean stop on SIGTERM, exit " + first.process().exitValue()).anyMatch(line -> line.contains("stopping node"));

        Server second = Server.start(prefix);
        try {
            JsonNode after = Http.signedIn(second.port, "8001").get("/api/cases/" + number).json();
            assertThat(after.get("state").asText()).isEqualTo("DISPATCHED");
            assertThat(after.get("log")).hasSize(3);
            assertThat(after).isEqualTo(before);
        } finally {
            second.terminate();
        }
    }

    /** One server process and what it printed. */
    private record Server(Process process, int port, List<String> lines, Thread reader) {

        static Server start(String prefix) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "--config",
                    System.getProperty("civicline.config.dir", "../config"))
                    .redirectErrorStream(true);
            builder.environment().put("CIVICLINE_HTTP_PORT", "0");
            builder.environment().put("CIVICLINE_HTTP_HOST", "127.0.0.1");
            builder.environment().put("CIVICLINE_STORE_TYPE", "redis");
            builder.environment().put("CIVICLINE_STORE_REDIS_URI", RedisTestServer.uri());
            builder.environment().put("CIVICLINE_STORE_REDIS_KEY_PREFIX", prefix);
            Process process = builder.start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                        Matcher m = RUNNING.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                } catch (IOException ignored) {
                    // The process ended.
                }
                port.completeExceptionally(new AssertionError("the server ended before it was running:\n"
                        + String.join("\n", lines)));
            }, "server-output");
            reader.setDaemon(true);
            reader.start();
            try {
                return new Server(process, port.get(60, TimeUnit.SECONDS), lines, reader);
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        void terminate() throws InterruptedException {
            // SIGTERM through the handle: Process.destroy() also closes our end of the pipe, losing the last lines.
            process.toHandle().destroy();
            if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the server did not stop within 30 s of SIGTERM");
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }

        List<String> output() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        private static String javaBin() {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return Files.isExecutable(java) ? java.toString() : "java";
        }
    }
}
