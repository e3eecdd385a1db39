package org.civicline.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.channels.wechat.inbound.WechatSignature;
import org.civicline.core.config.AppConfig;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.redis.RedisStores;
import org.civicline.core.testing.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes sharing one Redis, as behind a load balancer: a retry or a follow-up that lands on the other node finds
 * what the first node stored.
 */
class TwoNodesOnRedisTest {
    static final String TOKEN = "civicToken42";

    @TempDir
    Path uploads;
    Harness a;
    Harness b;

    @BeforeEach
    void start() {
        String prefix = "cl-channels-" + System.nanoTime() + ":";
        AppConfig config = Harness.parse("""
                channels:
                  uploadDir: %s
                wechat:
                  token: %s
                open311:
                  apiKeys: [city-app-key-0001]
                """.formatted(uploads, TOKEN));
        a = new Harness(config, vertx -> RedisStores.create(RedisTestServer.uri(), prefix, vertx));
        b = new Harness(config, vertx -> RedisStores.create(RedisTestServer.uri(), prefix, vertx));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    static String wechat(Harness node, String openId, String text, long msgId) {
        String query = "signature=" + WechatSignature.of(TOKEN, "1", "n") + "&timestamp=1&nonce=n";
        String body = node.post("/wechat/callback?" + query, "text/xml", "<xml><ToUserName>gh</ToUserName>"
                + "<FromUserName>" + openId + "</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType>"
                + "<Content>" + text + "</Content><MsgId>" + msgId + "</MsgId></xml>").body();
        Matcher m = Pattern.compile("受理编号 (\\S+?)[。，]").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    @Test
    void aWechatRetryOnTheOtherNodeIsTheSameContactAndAFollowUpJoinsIt() {
        String first = wechat(a, "o_two", "桥下积水", 9_001);
        assertThat(wechat(b, "o_two", "桥下积水", 9_001)).isEqualTo(first);
        assertThat(wechat(b, "o_two", "有半米深", 9_002)).isEqualTo(first);

        assertThat(a.queued).hasSize(1);
        assertThat(b.queued).isEmpty();
        assertThat(b.contact(first).orElseThrow().text()).isEqualTo("桥下积水\n有半米深");
    }

    @Test
    void messagesOfOneResidentArrivingOnBothNodesAtOnceAllJoinTheContact() throws Exception {
        String contactId = wechat(a, "o_both", "消息0", 9_100);
        java.util.List<String> sent = new java.util.ArrayList<>(java.util.List.of("消息0"));
        for (int round = 1; round <= 8; round++) {
            String onA = "消息A" + round;
            String onB = "消息B" + round;
            long id = 9_100 + round * 2L;
            // Both nodes read the open contact and write it back at about the same moment.
            java.util.concurrent.CompletableFuture<String> viaA = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> wechat(a, "o_both", onA, id));
            java.util.concurrent.CompletableFuture<String> viaB = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> wechat(b, "o_both", onB, id + 1));
            assertThat(viaA.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(contactId);
            assertThat(viaB.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(contactId);
            sent.add(onA);
            sent.add(onB);
        }

        java.util.List<String> lines = java.util.List.of(a.contact(contactId).orElseThrow().text().split("\n"));
        assertThat(lines).as("no message overwritten by the other node's").containsExactlyInAnyOrderElementsOf(sent);
        org.civicline.channels.intake.ConversationLog.Turns turns = Harness.await(b.stores.reference().get(
                "channels.turns", contactId, org.civicline.channels.intake.ConversationLog.Turns.class)).orElseThrow();
        assertThat(turns.turns()).extracting(org.civicline.core.channels.ConversationTurn::text)
                .as("every message's turn").containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void anOpen311RetryOnTheOtherNodeGetsTheSameCase() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", "city-app-key-0001");
        form.put("service_code", "0101");
        form.put("address_string", "幸福路 1 号");
        form.put("description", "路灯不亮");
        String id = Jsons.read(a.postForm("/open311/v2/requests.json", form, Map.of()).body(), JsonNode.class)
                .get(0).get("service_request_id").asText();
        String again = Jsons.read(b.postForm("/open311/v2/requests.json", form, Map.of()).body(), JsonNode.class)
                .get(0).get("service_request_id").asText();
        assertThat(again).isEqualTo(id);
        assertThat(b.get("/open311/v2/requests/" + id + ".json").statusCode()).isEqualTo(200);
    }

    @Test
    void aLettersQueryCodeWorksOnTheOtherNode() {
        Map<String, String> letter = new LinkedHashMap<>();
        letter.put("name", "李四");
        letter.put("phone", "13700137000");
        letter.put("subject", "噪音");
        letter.put("letter", "楼下商铺音响太吵，每天晚上都放到十二点。");
        letter.put("formToken", "two-nodes-1");
        HttpResponse<String> receipt = a.postForm("/mailbox", letter, Map.of("Accept", "application/json"));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
        JsonNode r = Jsons.read(receipt.body(), JsonNode.class);
        HttpResponse<String> progress = b.postForm("/mailbox/query", Map.of("code", r.get("queryCode").asText()),
                Map.of());
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.body()).contains(r.get("caseNumber").asText());
    }
}
