package org.civicline.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicline.channels.wechat.WechatServerSide.TOKEN;
import static org.civicline.channels.wechat.WechatServerSide.query;
import static org.civicline.channels.wechat.WechatServerSide.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.core.channels.AgentReply;
import org.civicline.core.channels.ChannelAddresses;
import org.civicline.channels.Harness;
import org.civicline.channels.VendorStub;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.core.json.Jsons;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Agents' replies through the customer-service message API, against a local stand-in for api.weixin.qq.com. */
class WechatRepliesTest {
    static final String TOKEN_PATH = "/cgi-bin/token";
    static final String SEND_PATH = "/cgi-bin/message/custom/send";

    final Vertx stubVertx = Vertx.vertx();
    final VendorStub wechat = new VendorStub(stubVertx);
    Harness node;

    void start(String appSecret) {
        wechat.answer(TOKEN_PATH, 200, "{\"access_token\":\"TOKEN-A\",\"expires_in\":7200}");
        wechat.answer(SEND_PATH, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        node = new Harness("""
                wechat:
                  token: %s
                  appId: wxapp0001
                  appSecret: "%s"
                  apiBaseUrl: %s
                """.formatted(TOKEN, appSecret, wechat.baseUrl()));
    }

    @AfterEach
    void stop() {
        node.close();
        wechat.close();
        Harness.await(stubVertx.close());
    }

    String contactOf(String openId, long msgId) {
        String body = node.post("/wechat/callback?" + query("1795400000", "n"), "text/xml",
                text(openId, "问题描述", msgId)).body();
        Matcher m = Pattern.compile("受理编号 (\\S+?)[。，]").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    OutboxEntry reply(String contactId, String text) {
        return Harness.await(node.vertx.eventBus().<OutboxEntry>request(ChannelAddresses.REPLY,
                new AgentReply(contactId, "agent-7", text))).body();
    }

    @Test
    void repliesGoThroughTheCustomerServiceApiWithOneCachedAccessToken() {
        start("s3cret");
        String contact = contactOf("o_cs1", 1);
        assertThat(reply(contact, "您好，已为您登记。").status()).isEqualTo("sent");
        assertThat(reply(contact, "已派遣处理。").status()).isEqualTo("sent");

        assertThat(wechat.to(TOKEN_PATH)).hasSize(1);
        VendorStub.Seen tokenRequest = wechat.to(TOKEN_PATH).get(0);
        assertThat(tokenRequest.query().get("grant_type")).isEqualTo("client_credential");
        assertThat(tokenRequest.query().get("appid")).isEqualTo("wxapp0001");
        assertThat(tokenRequest.query().get("secret")).isEqualTo("s3cret");
        assertThat(wechat.to(SEND_PATH)).hasSize(2).allSatisfy(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.query().get("access_token")).isEqualTo("TOKEN-A");
        });
        JsonNode sent = Jsons.read(wechat.to(SEND_PATH).get(0).body(), JsonNode.class);
        assertThat(sent.get("touser").asText()).isEqualTo("o_cs1");
        assertThat(sent.get("msgtype").asText()).isEqualTo("text");
        assertThat(sent.get("text").get("content").asText()).isEqualTo("您好，已为您登记。");
    }

    @Test
    void theTokenIsRefreshedBeforeItExpiresAndWhenWechatRejectsIt() {
        start("s3cret");
        String contact = contactOf("o_cs2", 2);
        reply(contact, "一");
        // Past the refresh time (115 min) and the minute nodes keep using a stored token while the refresher
        // replaces it: the refresher's own timer runs on real time, so here the node has to ask for the new one.
        node.clock.advance(Duration.ofMinutes(117));
        wechat.answer(TOKEN_PATH, 200, "{\"access_token\":\"TOKEN-B\",\"expires_in\":7200}");
        reply(contact, "二");
        assertThat(wechat.to(TOKEN_PATH)).hasSize(2);
        assertThat(wechat.to(SEND_PATH).get(1).query().get("access_token")).isEqualTo("TOKEN-B");

        wechat.answer(TOKEN_PATH, 200, "{\"access_token\":\"TOKEN-C\",\"expires_in\":7200}");
        wechat.script(SEND_PATH, new VendorStub.Answer(200, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        OutboxEntry retried = reply(contact, "三");
        assertThat(retried.status()).isEqualTo("sent");
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(wechat.to(SEND_PATH)).extracting(s -> s.query().get("access_token"))
                .containsExactly("TOKEN-A", "TOKEN-B", "TOKEN-B", "TOKEN-C");
    }

    @Test
    void aRefusedMessageIsRecordedAsFailedWithWechatsReason() {
        start("s3cret");
        String contact = contactOf("o_cs3", 3);
        wechat.script(SEND_PATH, new VendorStub.Answer(200,
                "{\"errcode\":45015,\"errmsg\":\"response out of time limit\"}"));
        OutboxEntry failed = reply(contact, "超过 48 小时的答复");
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.detail()).contains("45015");
        assertThat(node.get("/channels/outbox").body()).contains("45015");
    }

    @Test
    void withoutAnAppSecretRepliesGoToTheOutboxLogOnly() {
        start("");
        String contact = contactOf("o_cs4", 4);
        assertThat(reply(contact, "演示答复").status()).isEqualTo("logged");
        assertThat(wechat.seen).isEmpty();
        assertThat(node.get("/channels/outbox").body()).contains("演示答复");
    }
}
