package org.civicline.channels;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server standing in for a vendor API (Twilio, WeChat): records every request exactly as it arrived and
 * answers from a script per path, or with the path's default answer.
 */
public final class VendorStub implements AutoCloseable {

    public record Seen(String method, String path, MultiMap query, MultiMap headers, String body) {
    }

    public record Answer(int status, String body) {
    }

    public final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Answer> defaults = new ConcurrentHashMap<>();
    private final HttpServer server;

    public VendorStub(Vertx vertx) {
        server = Harness.await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String path = request.path();
            seen.add(new Seen(request.method().name(), path, MultiMap.caseInsensitiveMultiMap()
                    .addAll(request.params()), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                    body.toString()));
            synchronized (this) {
                notifyAll();
            }
            Deque<Answer> script = scripts.get(path);
            Answer answer = script != null && !script.isEmpty() ? script.poll()
                    : defaults.getOrDefault(path, new Answer(404, "{\"message\":\"no such path\"}"));
            request.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json")
                    .end(answer.body());
        })).listen(0, "127.0.0.1"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public VendorStub answer(String path, int status, String body) {
        defaults.put(path, new Answer(status, body));
        return this;
    }

    /** Answers the next requests to {@code path} in this order, then falls back to the default. */
    public VendorStub script(String path, Answer... answers) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /**
     * The first request to {@code path} that {@code which} accepts, waiting for it to arrive (woken by each arrival)
     * up to {@code limit}; an AssertionError naming {@code what} if none came.
     */
    public synchronized Seen awaitRequest(String path, java.util.function.Predicate<Seen> which,
                                          java.time.Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            java.util.Optional<Seen> found = to(path).stream().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + limit.toSeconds() + " s");
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    public List<Seen> to(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    @Override
    public void close() {
        Harness.await(server.close());
    }
}
