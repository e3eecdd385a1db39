package org.civicline.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.civicline.core.config.AppConfig;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.server.CivicLine;

/**
 * WebSocket fan-out: a node started in-process, N sessions on {@code /ws} opened with Vert.x's WebSocket client in
 * the same JVM, then a bounded number of events, one at a time; for each, the delay from the publish on the node's
 * bus until the last session has the frame.
 *
 * <ul>
 *   <li>{@code wallboards}: N supervisor sessions (one bearer token, N sockets); one event = one publish on
 *       {@link RoutingAddresses#LIVE_STATS}, which {@code SupervisorFanout} writes to every socket.</li>
 *   <li>{@code desks}: N agent sessions, each signed in as its own agent (a generated users.yaml in a temporary
 *       copy of the config directory); one event = one publish on every agent's own
 *       {@link RoutingAddresses#agentAddress} in a row, so each desk's bus consumer writes its socket.</li>
 * </ul>
 *
 * The generated users' password hashes use the production format ({@code pbkdf2-sha256$iterations$salt$hash}) with
 * few iterations so that 2,000 sign-ins take seconds; the node verifies them with its own {@code PasswordHasher}.
 * <pre>
 * ./mvnw -q -pl server test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.civicline.server.bench.WebSocketFanout --sessions 2000 --events 100"
 * </pre>
 */
public final class WebSocketFanout {
    static final String PASSWORD = "bench-password";
    static final String SUPERVISOR = "bench-supervisor";
    private static final int BENCH_ITERATIONS = 1_000;
    private static final long EVENT_TIMEOUT_MS = 10_000;

    public enum Kind { WALLBOARDS, DESKS }

    /** What one run measured: per event the delay until the last session had it, and what never arrived. */
    public record Report(Kind kind, int sessions, int events, long[] delaysToAllNanos, int[] receivedPerSession,
                         int duplicates, int missing) {
        public String summary() {
            long[] sorted = delaysToAllNanos.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%-10s %5d sessions %4d events  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms"
                            + "  missing %d  duplicates %d", kind.name().toLowerCase(Locale.ROOT), sessions, events,
                    millis(percentile(sorted, 50)), millis(percentile(sorted, 99)),
                    millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), missing, duplicates);
        }
    }

    private WebSocketFanout() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = 2000;
        int events = 100;
        int payload = 600;
        List<Kind> kinds = List.of(Kind.WALLBOARDS, Kind.DESKS);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--payload" -> payload = Integer.parseInt(args[i + 1]);
                case "--kind" -> kinds = List.of(Kind.valueOf(args[i + 1].toUpperCase(Locale.ROOT)));
                default -> throw new IllegalArgumentException("usage: --sessions N --events N --payload BYTES "
                        + "--kind wallboards|desks");
            }
        }
        System.out.printf(Locale.ROOT, "WebSocket fan-out on %d cores, node and clients in one JVM, %d-byte frames%n",
                Runtime.getRuntime().availableProcessors(), payload);
        Path config = Path.of(System.getProperty("civicline.config.dir", "../config"));
        for (Report report : run(config, kinds, sessions, events, payload)) {
            System.out.println(report.summary());
        }
        System.exit(0);
    }

    /** Starts one node on a temporary copy of {@code configDir}, runs each kind in turn, stops everything. */
    public static List<Report> run(Path configDir, List<Kind> kinds, int sessions, int events, int payloadBytes)
            throws Exception {
        Path dir = Files.createTempDirectory("civicline-fanout");
        copyTree(configDir, dir);
        Files.writeString(dir.resolve("reference/users.yaml"), usersYaml(sessions));
        AppConfig config = AppConfig.load(dir, Map.of("CIVICLINE_HTTP_PORT", "0", "CIVICLINE_HTTP_HOST",
                "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory"));
        CivicLine node = await(CivicLine.start(config, Clock.systemUTC()));
        try {
            List<Report> reports = new ArrayList<>();
            for (Kind kind : kinds) {
                Vertx clients = Vertx.vertx();
                try {
                    reports.add(new Run(node, clients, kind, sessions, events, payloadBytes).measure());
                } finally {
                    await(clients.close());
                }
            }
            return reports;
        } finally {
            await(node.stop());
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static final class Run {
        private final CivicLine node;
        private final Vertx clients;
        private final Kind kind;
        private final int sessions;
        private final int events;
        private final String padding;
        private final HttpClientAgent http;
        private final WebSocketClient ws;
        private final AtomicIntegerArray received;
        private final AtomicIntegerArray lastSeen;
        private final AtomicInteger duplicates = new AtomicInteger();
        private final long[] published;
        private final AtomicLongArray lastArrival;
        private final AtomicIntegerArray pending;
        private final List<Promise<Void>> complete = new ArrayList<>();
        private final AtomicIntegerArray warm;
        private final AtomicInteger warmSessions = new AtomicInteger();
        private final Promise<Void> warmed = Promise.promise();

        Run(CivicLine node, Vertx clients, Kind kind, int sessions, int events, int payloadBytes) {
            this.node = node;
            this.clients = clients;
            this.kind = kind;
            this.sessions = sessions;
            this.events = events;
            this.padding = "x".repeat(Math.max(0, payloadBytes - 40));
            this.http = clients.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(node.httpPort()), new PoolOptions().setHttp1MaxSize(32));
            this.ws = clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(sessions + 10)
                    .setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
            this.received = new AtomicIntegerArray(sessions);
            this.lastSeen = new AtomicIntegerArray(sessions);
            this.published = new long[events];
            this.lastArrival = new AtomicLongArray(events);
            this.pending = new AtomicIntegerArray(events);
            this.warm = new AtomicIntegerArray(sessions);
            for (int e = 0; e < events; e++) {
                pending.set(e, sessions);
                complete.add(Promise.promise());
            }
            for (int s = 0; s < sessions; s++) {
                lastSeen.set(s, -1);
            }
        }

        Report measure() throws Exception {
            long start = System.nanoTime();
            List<String> tokens = await(signIn());
            long signedIn = System.nanoTime();
            await(connectAll(tokens));
            long connected = System.nanoTime();
            await(warmUp());
            long measuring = System.nanoTime();
            long[] delays = new long[events];
            int missing = 0;
            for (int e = 0; e < events; e++) {
                publish(e);
                try {
                    complete.get(e).future().toCompletionStage().toCompletableFuture()
                            .get(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    delays[e] = lastArrival.get(e) - published[e];
                } catch (java.util.concurrent.TimeoutException timeout) {
                    missing += pending.get(e);
                    for (int s = 0; s < sessions; s++) {
                        if (lastSeen.get(s) < e) {
                            System.err.printf(Locale.ROOT, "event %d never reached session %d (last seen %d)%n", e, s,
                                    lastSeen.get(s));
                        }
                    }
                    delays[e] = TimeUnit.MILLISECONDS.toNanos(EVENT_TIMEOUT_MS);
                }
                // A short pause between events, so each one is measured on its own and not behind the last.
                await(pause(5));
            }
            System.out.printf(Locale.ROOT, "%s: sign-in %.1f s, connect %.1f s, warm-up %.1f s, events %.1f s%n",
                    kind.name().toLowerCase(Locale.ROOT), (signedIn - start) / 1e9, (connected - signedIn) / 1e9,
                    (measuring - connected) / 1e9, (System.nanoTime() - measuring) / 1e9);
            int[] perSession = new int[sessions];
            for (int s = 0; s < sessions; s++) {
                perSession[s] = received.get(s);
            }
            return new Report(kind, sessions, events, delays, perSession, duplicates.get(), missing);
        }

        /**
         * Publishes a warm-up frame every 50 ms until every session has had one. A desk's bus subscription is not
         * always in place when its Welcome frame arrives (a frame published right then can be missed), so the
         * measured events start only once every session is known to receive.
         */
        private Future<Void> warmUp() {
            long timer = clients.setPeriodic(1, 50, id -> publish("{\"warm\":true}"));
            return warmed.future().timeout(EVENT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .andThen(ar -> clients.cancelTimer(timer));
        }

        private Future<Void> pause(long millis) {
            Promise<Void> done = Promise.promise();
            clients.setTimer(millis, id -> done.complete());
            return done.future();
        }

        private void publish(int event) {
            String body = "{\"bench\":" + event + ",\"pad\":\"" + padding + "\"}";
            published[event] = System.nanoTime();
            publish(body);
        }

        private void publish(String body) {
            if (kind == Kind.WALLBOARDS) {
                node.vertx().eventBus().publish(RoutingAddresses.LIVE_STATS, body);
            } else {
                for (int s = 0; s < sessions; s++) {
                    node.vertx().eventBus().publish(RoutingAddresses.agentAddress(agentId(s)), body);
                }
            }
        }

        /** One bearer token per session: the same supervisor's for wallboards, each agent's own for desks. */
        private Future<List<String>> signIn() {
            if (kind == Kind.WALLBOARDS) {
                return login(SUPERVISOR).map(token -> java.util.Collections.nCopies(sessions, token));
            }
            String[] tokens = new String[sessions];
            return inBatches(sessions, 32, s -> login(username(s)).map(token -> {
                tokens[s] = token;
                return null;
            })).map(v -> Arrays.asList(tokens));
        }

        private Future<String> login(String username) {
            String body = new JsonObject().put("username", username).put("password", PASSWORD).put("token", true)
                    .encode();
            return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/auth/login")
                            .putHeader("Content-Type", "application/json"))
                    .compose(request -> request.send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(answer -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("sign-in of " + username + ": " + response.statusCode()
                                    + " " + answer);
                        }
                        return answer.toJsonObject().getString("token");
                    }));
        }

        private Future<Void> connectAll(List<String> tokens) {
            return inBatches(sessions, 64, s -> connect(s, tokens.get(s)));
        }

        /** Resolves once the node's Welcome frame arrived, i.e. the session's subscription is in place. */
        private Future<Void> connect(int session, String token) {
            Promise<Void> welcomed = Promise.promise();
            ClientWebSocket socket = ws.webSocket();
            socket.textMessageHandler(text -> {
                int at = text.indexOf("\"bench\":");
                if (at < 0) {
                    if (text.contains("\"Welcome\"")) {
                        welcomed.tryComplete();
                    } else if (text.contains("\"warm\":") && warm.compareAndSet(session, 0, 1)
                            && warmSessions.incrementAndGet() == sessions) {
                        warmed.tryComplete();
                    }
                    return;
                }
                long now = System.nanoTime();
                int end = at + 8;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                int event = Integer.parseInt(text.substring(at + 8, end));
                if (lastSeen.getAndSet(session, event) >= event) {
                    duplicates.incrementAndGet();
                    return;
                }
                received.incrementAndGet(session);
                lastArrival.accumulateAndGet(event, now, Math::max);
                if (pending.decrementAndGet(event) == 0) {
                    complete.get(event).tryComplete();
                }
            });
            return socket.connect(new WebSocketConnectOptions().setURI("/ws?token=" + token))
                    .compose(v -> welcomed.future());
        }
    }

    /** Runs {@code count} asynchronous steps with at most {@code parallel} in flight. */
    private static Future<Void> inBatches(int count, int parallel, java.util.function.IntFunction<Future<?>> step) {
        Promise<Void> done = Promise.promise();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                return;
            }
            step.apply(i).onComplete(ar -> {
                if (ar.failed()) {
                    done.tryFail(ar.cause());
                    return;
                }
                if (finished.incrementAndGet() == count) {
                    done.tryComplete();
                } else {
                    launch[0].run();
                }
            });
        };
        if (count == 0) {
            return Future.succeededFuture();
        }
        for (int i = 0; i < Math.min(parallel, count); i++) {
            launch[0].run();
        }
        return done.future();
    }

    static String username(int session) {
        return String.format(Locale.ROOT, "bench-%05d", session);
    }

    static String agentId(int session) {
        return String.format(Locale.ROOT, "b%05d", session);
    }

    /** One supervisor and {@code agents} agents, all with {@link #PASSWORD}. */
    static String usersYaml(int agents) {
        StringBuilder yaml = new StringBuilder("users:\n");
        String hash = hash(PASSWORD);
        yaml.append("  - {username: ").append(SUPERVISOR).append(", name: bench, role: SUPERVISOR, passwordHash: \"")
                .append(hash).append("\"}\n");
        for (int s = 0; s < agents; s++) {
            yaml.append("  - {username: \"").append(username(s)).append("\", name: bench, role: AGENT, agentId: \"")
                    .append(agentId(s)).append("\", passwordHash: \"").append(hash).append("\"}\n");
        }
        return yaml.toString();
    }

    /** The production hash format with few iterations (the node reads the count from the hash). */
    private static String hash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, BENCH_ITERATIONS, 256)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return "pbkdf2-sha256$" + BENCH_ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(derived);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
