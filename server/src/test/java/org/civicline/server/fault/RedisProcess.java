package org.civicline.server.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the test's own, with AOF on, that the test stops and starts again on the same port and
 * directory. {@link AppendFsync} is the durability setting under test.
 */
public final class RedisProcess implements AutoCloseable {

    /**
     * Redis's {@code appendfsync}. With {@code EVERYSEC} a crash (kill -9) of Redis may lose up to the last second
     * of acknowledged writes, so only a clean {@link #shutdown()} (which fsyncs the AOF) promises that nothing
     * acknowledged is lost; with {@code ALWAYS} every acknowledged write is on disk and survives {@link #kill()}.
     */
    public enum AppendFsync {
        EVERYSEC("everysec"), ALWAYS("always");

        private final String value;

        AppendFsync(String value) {
            this.value = value;
        }
    }

    private final Path dir;
    private final int port;
    private AppendFsync fsync;
    private volatile Process process;

    private RedisProcess(Path dir, int port, AppendFsync fsync) {
        this.dir = dir;
        this.port = port;
        this.fsync = fsync;
    }

    /** Starts Redis on a free loopback port with its data in {@code dir}. */
    public static RedisProcess start(Path dir, AppendFsync fsync) throws IOException, InterruptedException {
        RedisProcess redis = new RedisProcess(dir, freePort(), fsync);
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "kill redis " + redis.port));
        redis.start();
        return redis;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public AppendFsync fsync() {
        return fsync;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts it again on the same port and directory (it replays the AOF), with the same fsync setting. */
    public synchronized void start() throws IOException, InterruptedException {
        start(fsync);
    }

    /** Starts it again with another fsync setting. */
    public synchronized void start(AppendFsync setting) throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException("Redis on port " + port + " already runs");
        }
        fsync = setting;
        Path log = dir.resolve("redis.log");
        List<String> command = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", setting.value);
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!"+PONG".equals(ask("PING"))) {
            // Bounded pause between pings; ends early if Redis exited.
            if (process.waitFor(20, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis on port " + port + " did not answer PING:\n"
                        + Files.readString(log));
            }
        }
    }

    /** The {@code SHUTDOWN} command: Redis fsyncs the AOF and exits; nothing it acknowledged is lost. */
    public synchronized void shutdown() throws InterruptedException {
        ask("SHUTDOWN");
        awaitExit();
    }

    /** SIGKILL: only what was fsynced survives. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGSTOP: Redis hangs with its connections open, as a stalled host or a full disk makes it. */
    public synchronized void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT after {@link #freeze()}: Redis answers again, the commands that waited included. */
    public synchronized void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String which) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", which, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + which + " " + process.pid() + " failed");
        }
    }

    /** Sends one inline command and returns the first line of the answer, or null when Redis does not answer. */
    public String ask(String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\n'; ) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.isEmpty() ? null : line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private void awaitExit() throws InterruptedException {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("Redis on port " + port + " did not exit within 15 s");
        }
        process = null;
    }

    @Override
    public void close() { // not synchronized: also runs in the shutdown hook
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
