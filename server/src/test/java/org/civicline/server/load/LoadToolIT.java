package org.civicline.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.core.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load tool against the packaged jar on Redis: a few seconds at a modest rate over every channel (app, Open311,
 * WeChat safe mode, mailbox, calls in the sandbox PBX) with four simulated agents. Speed is not asserted here; what
 * must hold at any speed is: nothing acknowledged is lost, the store holds exactly what was acknowledged, and agents
 * are offered the contacts.
 */
class LoadToolIT {
    private static final Pattern RUNNING = Pattern.compile("CivicLine is running at http://localhost:(\\d+)/");
    private static final Path JAR = Path.of("target/civicline.jar");

    private Process node;

    @AfterEach
    void stopNode() throws InterruptedException {
        if (node != null) {
            node.toHandle().destroy();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    @Test
    void everyAcknowledgedContactIsStoredOnceAndOfferedToAnAgent() throws Exception {
        assertThat(JAR).as("the runnable jar is built in the package phase").exists();
        Path config = Files.createTempDirectory("civicline-load-it");
        String prefix = "it-load-" + UUID.randomUUID() + ":";
        LoadConfig.write(new LoadConfig.Settings(Path.of(System.getProperty("civicline.config.dir", "../config")),
                config, 4, "it-load-password", RedisTestServer.uri(), prefix, 0, freePort()));
        int port = startNode(config);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LoadOptions options = LoadOptions.parse("--config", config.toString(), "--url", "http://127.0.0.1:" + port,
                "--rate", "30", "--duration", "4", "--mix", "app=2,open311=1,wechat=2,mailbox=1,call=1",
                "--accept-delay-ms", "5-40", "--handle-ms", "20-200", "--capacity-seconds", "1",
                "--bare-warmup-seconds", "1", "--connections", "8", "--drain-seconds", "60", "--warmup-seconds", "1",
                "--seed", "42");
        LoadReport report = new LoadRun(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run()
                .toCompletionStage().toCompletableFuture().get(240, TimeUnit.SECONDS);
        String table = ReportTable.render(report);
        String output = printed.toString(StandardCharsets.UTF_8) + "\n" + table;
        System.out.println(output);

        LostCheck.Outcome lost = report.lost();
        assertThat(lost).as(output).isNotNull();
        assertThat(lost.acknowledged()).as(output).isGreaterThan(50);
        assertThat(lost.lost()).as(output).isZero();
        assertThat(lost.casesMissing()).as(output).isZero();
        assertThat(lost.storedTwice()).as(output).isZero();
        assertThat(lost.found()).as(output).isEqualTo(lost.acknowledged());
        assertThat(table).contains("lost: 0 of");
        // Counted again without the tool: the run's key prefix holds exactly the contacts it sent and stored.
        assertThat(contactsUnder(prefix)).as(output).isEqualTo(lost.acknowledged() + lost.storedWithoutAck());

        assertThat(report.rows()).as(output).hasSize(5).allSatisfy(row -> assertThat(row.acked())
                .as(row.channel() + " acknowledged\n" + output).isPositive());
        assertThat(report.total().offered()).as(output).isPositive();
        // Every contact of the timed run was started, so the tool's lag has a median (NaN without samples).
        assertThat(report.toolLag().p50()).as(output).isNotNaN().isLessThanOrEqualTo(report.total().toAck().p99());
        assertThat(report.serviceLevel().accepted()).as(output).isPositive();
        assertThat(report.capacity().bareRequestsPerSecond()).as(output).isPositive();
        assertThat(report.capacity().appAckedPerSecond()).as(output).isPositive();
        assertThat(output).contains("run ").contains("sent").contains("acked");
        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
            // NIO would poll for the agents' and arrivals' near timers in a busy loop (see LoadRun's Vert.x).
            assertThat(output).as("the tool's transport").contains("event loops on epoll");
        }
    }

    private static long contactsUnder(String prefix) {
        RedisClient client = RedisClient.create(RedisTestServer.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            long n = 0;
            ScanIterator<String> keys = ScanIterator.scan(connection.sync(),
                    ScanArgs.Builder.matches(prefix + "contact:*").limit(1000));
            while (keys.hasNext()) {
                keys.next();
                n++;
            }
            return n;
        } finally {
            client.shutdown();
        }
    }

    private int startNode(Path config) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        node = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--config", config.toString())
                .redirectErrorStream(true).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Process process = node;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
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
            port.completeExceptionally(new AssertionError("the node ended before it was running:\n"
                    + String.join("\n", lines)));
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(90, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
