package org.civicline.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicline.core.json.Jsons;

/**
 * The end-of-run check, straight in the deployment's Redis (not through CivicLine, which would vouch for itself):
 * every acknowledged contact must be stored, found by its sender among the contacts received since the run began,
 * and every case number an acknowledgement named must exist. Blocking: run it on a worker thread.
 */
final class LostCheck {
    /** What the store holds of what was sent. */
    record Outcome(long acknowledged, long found, long lost, long storedWithoutAck, long storedTwice,
                   long casesMissing, List<String> examples, String where) {
        boolean anyLost() {
            return lost > 0 || casesMissing > 0;
        }
    }

    private LostCheck() {
    }

    static Outcome run(String redisUri, String keyPrefix, Collection<Ledger.Entry> sent, Instant runStart) {
        Map<String, Ledger.Entry> bySender = new HashMap<>();
        sent.forEach(e -> bySender.put(e.sender, e));
        Map<String, Integer> stored = new HashMap<>();
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanArgs match = ScanArgs.Builder.matches(keyPrefix + "contact:*").limit(1000);
            ScanCursor cursor = ScanCursor.INITIAL;
            // Phones carry only two digits of the run: a contact from before the run is an earlier run's.
            Instant since = runStart.minusSeconds(5);
            do {
                KeyScanCursor<String> page = redis.scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    for (KeyValue<String, String> kv : redis.mget(page.getKeys().toArray(String[]::new))) {
                        if (kv.hasValue()) {
                            countIfOurs(kv.getValue(), bySender, since, stored);
                        }
                    }
                }
                cursor = page;
            } while (!cursor.isFinished());

            long acknowledged = 0;
            long found = 0;
            long lost = 0;
            long withoutAck = 0;
            long twice = 0;
            long casesMissing = 0;
            List<String> examples = new ArrayList<>();
            List<String> caseKeys = new ArrayList<>();
            for (Ledger.Entry e : sent) {
                int copies = stored.getOrDefault(e.sender, 0);
                if (copies > 1) {
                    twice++;
                }
                if (!e.acknowledged) {
                    withoutAck += copies > 0 ? 1 : 0;
                    continue;
                }
                acknowledged++;
                if (copies > 0) {
                    found++;
                } else {
                    lost++;
                    if (examples.size() < 5) {
                        examples.add(e.channel.label() + " " + e.sender);
                    }
                }
                if (e.reference != null && e.reference.matches("\\d{8}-\\d+")) {
                    caseKeys.add(e.reference);
                }
            }
            for (int i = 0; i < caseKeys.size(); i += 500) {
                List<String> batch = caseKeys.subList(i, Math.min(caseKeys.size(), i + 500));
                long present = redis.exists(batch.stream().map(n -> keyPrefix + "case:" + n).toArray(String[]::new));
                if (present < batch.size()) {
                    for (String number : batch) {
                        if (redis.exists(keyPrefix + "case:" + number) == 0) {
                            casesMissing++;
                            if (examples.size() < 5) {
                                examples.add("case " + number);
                            }
                        }
                    }
                }
            }
            return new Outcome(acknowledged, found, lost, withoutAck, twice, casesMissing, examples,
                    keyPrefix + "contact:*");
        } finally {
            client.shutdown();
        }
    }

    private static void countIfOurs(String json, Map<String, Ledger.Entry> bySender, Instant since,
                                    Map<String, Integer> stored) {
        JsonNode contact;
        try {
            contact = Jsons.mapper().readTree(json);
        } catch (IOException e) {
            return;
        }
        String sender = contact.path("sender").asText(null);
        if (sender == null || !bySender.containsKey(sender)) {
            return;
        }
        String received = contact.path("receivedAt").asText(null);
        if (received != null && Instant.parse(received).isBefore(since)) {
            return;
        }
        stored.merge(sender, 1, Integer::sum);
    }
}
