package org.civicline.channels.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.channels.Harness;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CaseChanged;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.bus.TransitionCaseRequest;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Residents who wrote in by WeChat hear when their contact became a case and when it moved on, once per step. */
class ProgressNoticesTest {
    static final String TOKEN = "civicToken42";
    Harness node;

    @BeforeEach
    void start() {
        node = new Harness("wechat:\n  token: " + TOKEN + "\n");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    String wechatContact(String openId, String text, long msgId) {
        String query = "signature=" + org.civicline.channels.wechat.inbound.WechatSignature.of(TOKEN, "1", "n")
                + "&timestamp=1&nonce=n";
        String body = node.post("/wechat/callback?" + query, "text/xml", "<xml><ToUserName>gh</ToUserName>"
                + "<FromUserName>" + openId + "</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType>"
                + "<Content>" + text + "</Content><MsgId>" + msgId + "</MsgId></xml>").body();
        Matcher m = Pattern.compile("受理编号 (\\S+?)[。，]").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    Case open(String contactId) {
        return Harness.await(node.vertx.eventBus().<Case>request(Addresses.CASE_CREATE, new CreateCaseRequest(
                "agent-7", Channel.WECHAT, "0101", Priority.NORMAL, null, null, null, contactId, "路灯不亮", null, null,
                null, List.of()))).body();
    }

    void move(String number, CaseTransition transition) {
        Harness.await(node.vertx.eventBus().request(Addresses.CASE_TRANSITION,
                new TransitionCaseRequest(number, transition)));
    }

    /**
     * Case updates in the outbox, oldest first, once there are {@code n} (notices follow case changes over the bus,
     * so the outbox is asked again until they are there). Negative checks are made by waiting for a later notice:
     * changes are handled in order.
     */
    List<JsonNode> updates(int n) {
        List<JsonNode> found = new ArrayList<>();
        for (int round = 0; round < 5000 && found.size() < n; round++) {
            found.clear();
            Jsons.read(node.get("/channels/outbox").body(), JsonNode.class).forEach(e -> {
                if ("case-update".equals(e.get("purpose").asText())) {
                    found.add(0, e);
                }
            });
        }
        return found;
    }

    @Test
    void theResidentIsToldTheCaseNumberAndCanThenQueryIt() {
        String contactId = wechatContact("o_p1", "路灯不亮", 1);
        Case c = open(contactId);

        List<JsonNode> told = updates(1);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("to").asText()).isEqualTo("o_p1");
        assertThat(told.get(0).get("text").asText()).contains("已立案，工单号 " + c.number());
        assertThat(node.contact(contactId).orElseThrow().caseNumber()).isEqualTo(c.number());
    }

    @Test
    void dispatchAndClosingAreToldOnceEachAndInternalStepsAreNot() {
        Case c = open(wechatContact("o_p2", "井盖缺失", 2));
        move(c.number(), CaseTransition.to(CaseState.REGISTERED, "agent-7"));
        move(c.number(), CaseTransition.to(CaseState.DISPATCHED, "agent-7").assignedTo("城管"));
        Case dispatched = Harness.await(node.stores.cases().get(c.number())).orElseThrow();
        // Every node hears each change; a second delivery of the same change must not notify twice.
        node.vertx.eventBus().publish(Addresses.CASE_CHANGED, new CaseChanged(dispatched));

        move(c.number(), CaseTransition.to(CaseState.CANCELLED, "agent-7").because("居民撤回"));

        List<JsonNode> told = updates(3);
        assertThat(told).extracting(e -> e.get("text").asText()).satisfiesExactly(
                t -> assertThat(t).contains("已立案"), t -> assertThat(t).contains("已派发"),
                t -> assertThat(t).contains("已撤销"));
    }

    @Test
    void casesWithoutAWechatOrSmsContactGetNoPush() {
        Harness.await(node.vertx.eventBus().<Case>request(Addresses.CASE_CREATE, new CreateCaseRequest("agent-7",
                Channel.HOTLINE_12345, "0101", Priority.NORMAL, null, "13900000000", null, null, "来电", null, null,
                null, List.of())));
        Case later = open(wechatContact("o_p3", "后来的微信诉求", 3));
        List<JsonNode> told = updates(1);
        assertThat(told).singleElement().satisfies(e -> assertThat(e.get("text").asText()).contains(later.number()));
    }
}
