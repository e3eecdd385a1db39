package org.civicline.server.load;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** One line per second while a phase runs: each counter's increase over the last second. */
final class ProgressPrinter {
    private final Vertx vertx;
    private final PrintStream out;
    private long timer = -1;

    ProgressPrinter(Vertx vertx, PrintStream out) {
        this.vertx = vertx;
        this.out = out;
    }

    void follow(String label, LongAdder succeeded, LongAdder failed) {
        Map<String, LongSupplier> counters = new LinkedHashMap<>();
        counters.put("answered", succeeded::sum);
        counters.put("failed", failed::sum);
        follow(label, counters, Map.of());
    }

    /** {@code rates} are shown per second; {@code levels} as they are (e.g. requests in flight). */
    void follow(String label, Map<String, LongSupplier> rates, Map<String, LongSupplier> levels) {
        stop();
        long start = System.nanoTime();
        Map<String, Long> last = new LinkedHashMap<>();
        rates.forEach((name, counter) -> last.put(name, counter.getAsLong()));
        timer = vertx.setPeriodic(1000, id -> {
            StringBuilder line = new StringBuilder(String.format("%-10s %4ds", label,
                    Math.round((System.nanoTime() - start) / 1e9)));
            rates.forEach((name, counter) -> {
                long now = counter.getAsLong();
                line.append(String.format("  %s %,d/s", name, now - last.put(name, now)));
            });
            levels.forEach((name, level) -> line.append(String.format("  %s %,d", name, level.getAsLong())));
            out.println(line);
        });
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
