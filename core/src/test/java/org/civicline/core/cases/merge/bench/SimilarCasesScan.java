package org.civicline.core.cases.merge.bench;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.civicline.core.cases.CaseScan;
import org.civicline.core.cases.merge.SimilarCases;
import org.civicline.core.model.Channel;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Priority;
import org.civicline.core.store.Stores;
import org.civicline.core.store.redis.RedisStores;
import org.civicline.core.workflow.CaseDetails;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;

/**
 * How long the case form's similar-cases question takes on Redis: {@code --cases} cases stored under a fresh key
 * prefix, then {@code --rounds} questions, each reading the newest cases anew ({@code --max-age 0}) or sharing one
 * read for that many seconds, as the desks do. Prints the first answer and the median and maximum of the others.
 * Redis: {@code CIVICLINE_TEST_REDIS_URI}.
 */
public final class SimilarCasesScan {
    private SimilarCasesScan() {
    }

    public static void main(String[] args) throws Exception {
        int cases = 5000;
        int rounds = 20;
        long maxAge = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cases" -> cases = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--max-age" -> maxAge = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String uri = System.getenv().getOrDefault("CIVICLINE_TEST_REDIS_URI", "redis://127.0.0.1:6379");
        Vertx vertx = Vertx.vertx();
        String prefix = "cl-bench-similar-" + System.nanoTime() + ":";
        Stores stores = RedisStores.create(uri, prefix, vertx);
        try {
            Instant t0 = Instant.now();
            String[] categories = {"0101", "0102", "0201", "0302", "0403"};
            for (int i = 1; i <= cases; i++) {
                stores.cases().create(new CaseDetails(String.format("20261123-%04d", i), categories[i % 5],
                                Channel.HOTLINE_12345, Priority.NORMAL, "p-" + i, null, "路灯不亮第" + i + "次",
                                "文三路" + (i % 50) + "号", new GeoPoint(120.10 + (i % 100) * 0.001,
                                30.25 + (i / 100) * 0.001), null, null, t0),
                        new CaseEvent(1, t0, "8001", null, CaseState.RECEIVED, null, null, null, null))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            SimilarCases similar = new SimilarCases(new CaseScan(stores.cases(), cases, Duration.ofSeconds(maxAge),
                    Clock.systemUTC()), 200, 72);
            SimilarCases.Probe probe = new SimilarCases.Probe("0102", new GeoPoint(120.13, 30.28), null,
                    "文三路8号路灯不亮", t0);
            List<Long> millis = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                similar.like(probe, 10).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            List<Long> rest = new ArrayList<>(millis.subList(1, millis.size()));
            Collections.sort(rest);
            System.out.printf("%d cases, max-age %d s: first %d ms, then median %d ms, max %d ms (%d rounds)%n",
                    cases, maxAge, millis.get(0), rest.get(rest.size() / 2), rest.get(rest.size() - 1), rounds);
        } finally {
            stores.close();
            vertx.close();
        }
    }
}
