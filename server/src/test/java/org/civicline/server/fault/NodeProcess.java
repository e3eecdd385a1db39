package org.civicline.server.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One CivicLine node run from the packaged jar as its own OS process on loopback, the way an operator runs it: what
 * it prints is kept (and copied to {@code target/fault-logs/<name>.log}), and it can be stopped cleanly (SIGTERM) or
 * killed (SIGKILL, no shutdown hook runs).
 */
public final class NodeProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("CivicLine is running at http://localhost:(\\d+)/");
    private static final Pattern PBX_LISTENING = Pattern.compile("sandbox PBX listening on [^ ]+:(\\d+)");
    /** The AMI user the sandbox PBX process admits; nodes log in with it ({@link #amiEnvironment}). */
    public static final String AMI_USER = "civicline";
    public static final String AMI_SECRET = "fault-test-secret";
    private static final Path JAR = Path.of("target/civicline.jar");
    private static final Path LOGS = Path.of("target/fault-logs");
    /** Small heaps and the quick JIT only: three nodes, Redis and the test share two cores in CI. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Process process;
    private final List<String> lines;
    private final Thread reader;
    private final CompletableFuture<Integer> port;

    private NodeProcess(String name, Process process, List<String> lines, Thread reader,
                        CompletableFuture<Integer> port) {
        this.name = name;
        this.process = process;
        this.lines = lines;
        this.reader = reader;
        this.port = port;
    }

    /** The environment every test node gets: loopback, any free HTTP port, no demo caller. */
    public static Map<String, String> baseEnvironment(String nodeId) {
        Map<String, String> env = new HashMap<>();
        env.put("CIVICLINE_NODE_ID", nodeId);
        env.put("CIVICLINE_HTTP_PORT", "0");
        env.put("CIVICLINE_HTTP_HOST", "127.0.0.1");
        env.put("CIVICLINE_TELEPHONY_SANDBOX_DEMO_CALL_EVERY_SECONDS", "0");
        return env;
    }

    /** Starts the process without waiting for it; {@link #awaitRunning} waits. */
    public static NodeProcess launch(String name, Map<String, String> environment) throws IOException {
        return launch(name, environment, RUNNING, List.of("-jar", JAR.toString(), "--config",
                System.getProperty("civicline.config.dir", "../config")));
    }

    /**
     * The sandbox PBX as a process of its own, from the same jar, like an Asterisk the nodes log in to
     * ({@code telephony.pbx: asterisk}); {@link #port()} is its AMI port.
     */
    public static NodeProcess sandboxPbx(String name) throws Exception {
        return launch(name, Map.of(), PBX_LISTENING, List.of("-cp", JAR.toString(),
                "org.civicline.telephony.sandbox.SandboxPbxMain", "--host", "127.0.0.1", "--port", "0",
                "--username", AMI_USER, "--secret", AMI_SECRET)).awaitRunning(Duration.ofSeconds(30));
    }

    /** A node's settings to log in to the sandbox PBX process on {@code amiPort}. */
    public static Map<String, String> amiEnvironment(int amiPort) {
        return Map.of("CIVICLINE_TELEPHONY_PBX", "asterisk", "CIVICLINE_TELEPHONY_AMI_HOST", "127.0.0.1",
                "CIVICLINE_TELEPHONY_AMI_PORT", Integer.toString(amiPort),
                "CIVICLINE_TELEPHONY_AMI_USERNAME", AMI_USER, "CIVICLINE_TELEPHONY_AMI_SECRET", AMI_SECRET);
    }

    private static NodeProcess launch(String name, Map<String, String> environment, Pattern ready,
                                      List<String> arguments) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: it is built in the package phase");
        }
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(JVM_OPTIONS);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        // A failed test must not leave nodes running after the test JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill node " + name));
        Files.createDirectories(LOGS);
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(LOGS.resolve(name + ".log")), true);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)); log) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    log.println(line);
                    Matcher m = ready.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // The process ended.
            }
            port.completeExceptionally(new AssertionError("node " + name + " ended before it was running:\n"
                    + tail(lines)));
        }, "node-output-" + name);
        reader.setDaemon(true);
        reader.start();
        return new NodeProcess(name, process, lines, reader, port);
    }

    /** Launches and waits until it serves HTTP. */
    public static NodeProcess start(String name, Map<String, String> environment) throws Exception {
        return launch(name, environment).awaitRunning(Duration.ofSeconds(60));
    }

    /** Waits until the process printed its port; kills it if it does not within {@code limit}. */
    public NodeProcess awaitRunning(Duration limit) throws Exception {
        try {
            port.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("node " + name + " did not start within " + limit + ":\n" + tail(output()), e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port.join();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything printed so far. */
    public List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The first printed line matching {@code test}, if any yet. */
    public Optional<String> line(Predicate<String> test) {
        synchronized (lines) {
            return lines.stream().filter(test).findFirst();
        }
    }

    /** Polls the output until a line matches, or fails after {@code limit}. */
    public String awaitLine(Predicate<String> test, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> found = line(test);
            if (found.isPresent()) {
                return found.get();
            }
            // Bounded pause between polls of the output; returns early if the node exits.
            if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        Optional<String> found = line(test);
        if (found.isPresent()) {
            return found.get();
        }
        throw new AssertionError("node " + name + ": no " + what + " within " + limit + ":\n" + tail(output()));
    }

    /** SIGKILL: the process ends at once, no shutdown hook, no goodbye to the cluster. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + name + " still runs 10 s after SIGKILL");
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** SIGTERM, then waits for the clean stop (SIGKILL after 30 s). */
    public void terminate() throws InterruptedException {
        // Through the handle: Process.destroy() also closes our end of the pipe, losing the last lines.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node " + name + " did not stop within 30 s of SIGTERM");
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    static String tail(List<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }

    private static String javaBin() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
