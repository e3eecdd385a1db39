package org.civicline.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.util.Map;
import org.civicline.core.json.Jsons;

/** A letter to the leaders' mailbox, posted as the form does, asking for the JSON receipt (case number). */
final class MailboxSubmitter implements Submitter {
    private final HttpTarget http;
    private final String run;

    /** {@code run} goes into the subject: a letter's idempotency key is built from phone, subject and text. */
    MailboxSubmitter(HttpTarget http, String run) {
        this.http = http;
        this.run = run;
    }

    @Override
    public LoadChannel channel() {
        return LoadChannel.MAILBOX;
    }

    /** {@code sender} is the writer's phone number. */
    @Override
    public Future<String> submit(String sender, long sequence) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("name", "压测来信人")
                .add("phone", sender)
                .add("subject", "小区停车难问题（压测 " + run + "-" + sequence + "）")
                .add("letter", "我们小区晚上车位严重不足，消防通道经常被占用，希望有关部门协调增加停车位。压测编号 " + sequence)
                .add("publish", "no");
        return http.post(http.nextBase(), "/mailbox", "application/x-www-form-urlencoded", HttpTarget.form(form),
                        Map.of("Accept", "application/json"))
                .map(answer -> {
                    HttpTarget.expect(answer, 201);
                    try {
                        JsonNode receipt = Jsons.mapper().readTree(answer.body().getBytes());
                        return receipt.path("caseNumber").asText(null);
                    } catch (IOException e) {
                        throw new LoadFailure("not JSON", e.getMessage());
                    }
                });
    }
}
