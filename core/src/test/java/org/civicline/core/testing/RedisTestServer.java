package org.civicline.core.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Redis the tests use. {@code CIVICLINE_TEST_REDIS_URI} names one to use; otherwise a {@code redis-server} from
 * PATH is started on a free loopback port, without persistence, once per JVM, and stopped when the JVM exits.
 * Tests isolate themselves with a random key prefix. {@link #startPrivate} gives a test its own persistent instance
 * to stop and start again.
 */
public final class RedisTestServer {
    public static final String URI_VARIABLE = "CIVICLINE_TEST_REDIS_URI";
    private static final long START_DEADLINE_MILLIS = 10_000;
    private static String sharedUri;

    private RedisTestServer() {
    }

    /** The shared test Redis, started on first use. */
    public static synchronized String uri() {
        if (sharedUri == null) {
            String given = System.getenv(URI_VARIABLE);
            if (given != null && !given.isBlank()) {
                sharedUri = given;
            } else {
                try {
                    Instance shared = new Instance(Files.createTempDirectory("civicline-redis-"), false);
                    shared.start();
                    sharedUri = shared.uri();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot start the test Redis: " + e.getMessage(), e);
                }
            }
        }
        return sharedUri;
    }

    /**
     * Starts a Redis of the test's own with AOF on (fsync on every write) in {@code dir}, so that what it
     * acknowledged survives {@link Instance#stop()} or {@link Instance#kill()} and a later {@link Instance#start()}.
     * Always a local process, whatever {@code CIVICLINE_TEST_REDIS_URI} says.
     */
    public static Instance startPrivate(Path dir) {
        Instance instance = new Instance(dir, true);
        instance.start();
        return instance;
    }

    /** One local redis-server process; keeps its port and directory across restarts. */
    public static final class Instance implements AutoCloseable {
        private final Path dir;
        private final boolean persistent;
        private int port;
        private volatile Process process;

        private Instance(Path dir, boolean persistent) {
            this.dir = dir;
            this.persistent = persistent;
            Runtime.getRuntime().addShutdownHook(new Thread(this::killQuietly, "stop test redis"));
        }

        public String uri() {
            return "redis://127.0.0.1:" + port;
        }

        public int port() {
            return port;
        }

        public Path dir() {
            return dir;
        }

        public synchronized boolean isRunning() {
            return process != null && process.isAlive();
        }

        /** Starts the process (again, on the same port and directory) and returns once it answers PING. */
        public synchronized void start() {
            if (isRunning()) {
                throw new IllegalStateException("test Redis on port " + port + " is already running");
            }
            if (port != 0) {
                launch();
                return;
            }
            // A free port can be taken between choosing it and Redis binding it: choose again, a bounded few times.
            for (int attempt = 1; ; attempt++) {
                port = freePort();
                try {
                    launch();
                    return;
                } catch (IllegalStateException e) {
                    if (attempt == 3) {
                        port = 0;
                        throw e;
                    }
                }
            }
        }

        private void launch() {
            Path log = dir.resolve("redis.log");
            List<String> command = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", ""));
            command.addAll(persistent ? List.of("--appendonly", "yes", "--appendfsync", "always")
                    : List.of("--appendonly", "no"));
            try {
                process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
            }
            awaitPong(log);
        }

        /** Graceful stop (SIGTERM: Redis flushes its AOF and exits). */
        public synchronized void stop() {
            end(false);
        }

        /** A crash (SIGKILL): only what was fsynced survives. */
        public synchronized void kill() {
            end(true);
        }

        @Override
        public void close() {
            killQuietly();
        }

        private void end(boolean forcibly) {
            if (process == null) {
                return;
            }
            if (forcibly) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping test Redis on port " + port, e);
            }
            process = null;
        }

        // Not synchronized: it runs in the shutdown hook, which must not wait for a test's lock.
        private void killQuietly() {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
            if (!persistent) {
                // The shared instance's directory is ours alone (a private one belongs to the test): remove it.
                try {
                    if (running != null) {
                        running.waitFor(2, TimeUnit.SECONDS);
                    }
                    Files.deleteIfExists(dir.resolve("redis.log"));
                    Files.deleteIfExists(dir);
                } catch (IOException | InterruptedException e) {
                    // Leaving a temp directory behind is harmless.
                }
            }
        }

        /** Polls the port with PING until PONG, until the deadline, or until the process dies. */
        private void awaitPong(Path log) {
            long deadline = System.currentTimeMillis() + START_DEADLINE_MILLIS;
            while (System.currentTimeMillis() < deadline) {
                if (answersPing(port)) {
                    return;
                }
                try {
                    // Doubles as the pause between polls: returns early only if Redis exited.
                    if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("test Redis on port " + port + " exited with "
                                + process.exitValue() + ":\n" + tail(log));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting test Redis", e);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("test Redis on port " + port + " did not answer PING within "
                    + START_DEADLINE_MILLIS + " ms:\n" + tail(log));
        }
    }

    static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port for the test Redis", e);
        }
    }

    private static String binary() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File candidate = new File(dir, "redis-server");
                if (candidate.canExecute()) {
                    return candidate.getPath();
                }
            }
        }
        throw new IllegalStateException("The Redis tests need a Redis: no redis-server on PATH and "
                + URI_VARIABLE + " is not set. Run the tests with the README's test command (./test.sh), "
                + "or install Redis (apt-get install -y redis-server), or set " + URI_VARIABLE
                + "=redis://host:port.");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
