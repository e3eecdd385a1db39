package org.civicline.server.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A steady stream of city-app reports spread over the nodes, each with its own Idempotency-Key, from a few client
 * threads at a paced rate; every answer is recorded with when it was sent and answered.
 */
public final class ReportLoad implements AutoCloseable {

    /** One report and what the node answered. */
    public record Sent(String key, String node, long sentAt, long answeredAt, Residents.Answer answer) {
        public boolean acknowledged() {
            return answer.ok();
        }
    }

    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param nodes       the nodes' base URLs, asked in turn (a node that is gone answers status 0)
     * @param perSecond   the rate over all threads
     */
    public static ReportLoad start(String name, Supplier<List<String>> nodes, String serviceCode, int threads,
                                   double perSecond) {
        ReportLoad load = new ReportLoad();
        long pauseNanos = (long) (TimeUnit.SECONDS.toNanos(1) * threads / perSecond);
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                long next = System.nanoTime();
                while (load.running.get()) {
                    long n = load.sequence.incrementAndGet();
                    List<String> targets = nodes.get();
                    String node = targets.get((int) (n % targets.size()));
                    String key = name + "-" + n;
                    long at = System.nanoTime();
                    Residents.Answer answer = Residents.appReport(node, serviceCode, key, "路灯不亮，报告 " + key);
                    load.sent.add(new Sent(key, node, at, System.nanoTime(), answer));
                    // Pacing of the generator, not a timing assertion.
                    next += pauseNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    } else {
                        next = System.nanoTime();
                    }
                }
            }, "report-load-" + name + "-" + t);
            thread.setDaemon(true);
            thread.start();
            load.threads.add(thread);
        }
        return load;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public long count(Predicate<Sent> test) {
        return sent.stream().filter(test).count();
    }

    /** Polls until {@code count(test) >= n}; fails after {@code limitMillis}. */
    public void awaitCount(Predicate<Sent> test, long n, long limitMillis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        while (count(test) < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + n + " " + what + " within " + limitMillis + " ms (got "
                        + count(test) + " of " + sent.size() + " sent)");
            }
            Thread.sleep(20); // poll interval
        }
    }

    /** Stops sending and waits for the requests in flight. */
    public List<Sent> stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
        }
        return sent();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
