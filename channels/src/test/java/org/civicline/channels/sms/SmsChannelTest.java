package org.civicline.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicline.channels.sms.TwilioSide.PUBLIC;
import static org.civicline.channels.sms.TwilioSide.SID;
import static org.civicline.channels.sms.TwilioSide.TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.core.channels.AgentReply;
import org.civicline.core.channels.ChannelAddresses;
import org.civicline.channels.Harness;
import org.civicline.channels.VendorStub;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.workflow.Case;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SMS over real HTTP: Twilio's signed webhook in, the Twilio SDK out to a local stand-in that checks what it got. */
class SmsChannelTest {
    static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    static final String RESIDENT = "+8613912345678";

    Harness node;
    VendorStub twilio;

    void start(boolean withTwilio) {
        io.vertx.core.Vertx stubVertx = io.vertx.core.Vertx.vertx();
        twilio = new VendorStub(stubVertx);
        twilio.answer(MESSAGES, 201, TwilioSide.messageJson("SM00000000000000000000000000000001", RESIDENT, "ok"));
        node = new Harness("""
                twilio:
                  accountSid: %s
                  authToken: %s
                  publicBaseUrl: %s
                  apiBaseUrl: %s
                  fromNumber: "+8613800000000"
                  maxAttempts: 4
                  retryDelayMillis: 1
                  conversationMinutes: 60
                  messagesPerHour: 5
                """.formatted(withTwilio ? SID : "", TOKEN, PUBLIC, twilio.baseUrl()));
        stubs.add(stubVertx);
    }

    final List<io.vertx.core.Vertx> stubs = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        node.close();
        twilio.close();
        stubs.forEach(v -> Harness.await(v.close()));
    }

    HttpResponse<String> sms(String sid, String body, String signedUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("AccountSid", SID);
        form.put("From", RESIDENT);
        form.put("To", "+8613800000000");
        form.put("Body", body);
        form.put("NumMedia", "0");
        return node.postForm("/twilio/sms", form, Map.of("X-Twilio-Signature", TwilioSide.signature(signedUrl, form)));
    }

    HttpResponse<String> sms(String sid, String body) {
        return sms(sid, body, PUBLIC + "/twilio/sms");
    }

    static String contactIdIn(HttpResponse<String> twiml) {
        assertThat(twiml.statusCode()).as(twiml.body()).isEqualTo(200);
        assertThat(twiml.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
        Matcher m = Pattern.compile("<Response><Message><Body>.*受理编号 (\\S+?)[。，]").matcher(twiml.body());
        assertThat(m.find()).as(twiml.body()).isTrue();
        return m.group(1);
    }

    @Test
    void aSignedSmsBecomesAContactAndTheResidentGetsTheNumberInTwiml() {
        start(true);
        String id = contactIdIn(sms("SM1111", "人民路下水道堵了，污水漫到路上"));
        Contact contact = node.contact(id).orElseThrow();
        assertThat(contact.channel()).isEqualTo(Channel.SMS);
        assertThat(contact.sender()).isEqualTo(RESIDENT);
        assertThat(contact.text()).isEqualTo("人民路下水道堵了，污水漫到路上");
        assertThat(contact.citizenId()).isEqualTo(Harness.await(node.stores.citizens().findByPhone(RESIDENT))
                .orElseThrow().id());
        assertThat(node.queued).hasSize(1);
    }

    @Test
    void aRepeatedMessageSidIsTheSameContactAndLaterMessagesJoinTheThread() {
        start(true);
        String id = contactIdIn(sms("SM2222", "路灯坏了"));
        assertThat(contactIdIn(sms("SM2222", "路灯坏了"))).isEqualTo(id);
        node.clock.advance(Duration.ofMinutes(20));
        HttpResponse<String> more = sms("SM2223", "在人民路 8 号");
        assertThat(more.body()).contains("补充内容已收到").contains(id);
        assertThat(node.contact(id).orElseThrow().text()).isEqualTo("路灯坏了\n在人民路 8 号");
        node.clock.advance(Duration.ofMinutes(61));
        assertThat(contactIdIn(sms("SM2224", "另一件事"))).isNotEqualTo(id);
        assertThat(node.queued).hasSize(2);
    }

    @Test
    void aQueryByTextGetsTheCaseServicesAnswerForTheSendersPhone() {
        start(true);
        node.vertx.eventBus().<org.civicline.core.bus.ProgressRequest>consumer(
                org.civicline.core.bus.Addresses.CASE_PROGRESS, m -> {
                    if (!m.body().phone().equals(RESIDENT)) {
                        m.fail(404, "no case with that phone");
                        return;
                    }
                    m.reply(new org.civicline.core.cases.progress.ProgressView(m.body().number(), "处置中", false, null,
                            "已派城管执法中队处理", node.clock.instant(), java.time.LocalDate.of(2026, 11, 30)));
                });
        HttpResponse<String> answer = sms("SM9001", "查询 20261123-0007");
        assertThat(answer.body()).contains("工单 20261123-0007：处置中").contains("已派城管执法中队处理")
                .contains("预计 2026-11-30 前办理");
        assertThat(node.queued).isEmpty();

        Map<String, String> other = new LinkedHashMap<>();
        other.put("MessageSid", "SM9002");
        other.put("From", "+8613700000000");
        other.put("Body", "查询 20261123-0007");
        HttpResponse<String> stranger = node.postForm("/twilio/sms", other,
                Map.of("X-Twilio-Signature", TwilioSide.signature(PUBLIC + "/twilio/sms", other)));
        assertThat(stranger.body()).contains("未找到您名下的工单 20261123-0007");
    }

    @Test
    void withoutTheCaseServicesProgressDeskAQueryShowsTheSendersOwnCase() {
        start(true);
        Case c = Harness.await(node.vertx.eventBus().<Case>request(org.civicline.core.bus.Addresses.CASE_CREATE,
                new org.civicline.core.bus.CreateCaseRequest("agent-7", Channel.SMS, "0101",
                        org.civicline.core.model.Priority.NORMAL, null, RESIDENT, null, null, "路灯", null, null, null,
                        List.of()))).body();
        HttpResponse<String> answer = sms("SM9101", "查询 " + c.number());
        assertThat(answer.body()).contains("工单 " + c.number()).contains("当前状态：接件");
    }

    @Test
    void aWrongOrMissingSignatureIsRefusedAndNothingIsStored() {
        start(true);
        assertThat(sms("SM3333", "伪造", "http://127.0.0.1/twilio/sms").statusCode()).isEqualTo(403);
        HttpResponse<String> unsigned = node.postForm("/twilio/sms", Map.of("MessageSid", "SM3334", "From", RESIDENT,
                "Body", "x"), Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        Map<String, String> form = Map.of("MessageSid", "SM3335", "From", RESIDENT, "Body", "原文");
        Map<String, String> tampered = Map.of("MessageSid", "SM3335", "From", RESIDENT, "Body", "篡改");
        HttpResponse<String> changed = node.postForm("/twilio/sms", tampered,
                Map.of("X-Twilio-Signature", TwilioSide.signature(PUBLIC + "/twilio/sms", form)));
        assertThat(changed.statusCode()).isEqualTo(403);
        Map<String, String> noSid = Map.of("From", RESIDENT, "Body", "x");
        assertThat(node.postForm("/twilio/sms", noSid, Map.of("X-Twilio-Signature",
                TwilioSide.signature(PUBLIC + "/twilio/sms", noSid))).statusCode()).isEqualTo(400);
        assertThat(node.queued).isEmpty();
    }

    @Test
    void aResidentWhoTextsTooOftenIsToldToWaitAndTheExtraTextIsNotStored() {
        start(true);
        for (int i = 0; i < 5; i++) {
            contactIdIn(sms("SM40" + i, "消息 " + i));
        }
        HttpResponse<String> sixth = sms("SM406", "消息 6");
        assertThat(sixth.body()).contains("太频繁");
        assertThat(node.contact(node.queued.get(0).contact().id()).orElseThrow().text()).doesNotContain("消息 6");
    }

    @Test
    void anAgentsReplyGoesOutThroughTheTwilioSdkAndItsDeliveryIsRecorded() {
        start(true);
        String id = contactIdIn(sms("SM5555", "噪音扰民"));
        String longReply = "您反映的噪音问题已转交辖区派出所和城管执法中队处理，".repeat(8);
        OutboxEntry sent = reply(id, longReply);

        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.id()).isEqualTo("SM00000000000000000000000000000001");
        List<VendorStub.Seen> requests = twilio.to(MESSAGES);
        assertThat(requests).hasSize(1);
        VendorStub.Seen request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.headers().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = decode(request.body());
        assertThat(form).containsEntry("To", RESIDENT).containsEntry("From", "+8613800000000")
                .containsEntry("Body", longReply).containsEntry("StatusCallback", PUBLIC + "/twilio/sms/status");
        assertThat(longReply.length()).isGreaterThan(70);

        Map<String, String> status = Map.of("MessageSid", sent.id(), "MessageStatus", "delivered", "AccountSid", SID);
        HttpResponse<String> callback = node.postForm("/twilio/sms/status", status, Map.of("X-Twilio-Signature",
                TwilioSide.signature(PUBLIC + "/twilio/sms/status", status)));
        assertThat(callback.statusCode()).isEqualTo(204);
        JsonNode outbox = Jsons.read(node.get("/channels/outbox").body(), JsonNode.class);
        assertThat(outbox.get(0).get("id").asText()).isEqualTo(sent.id());
        assertThat(outbox.get(0).get("status").asText()).isEqualTo("delivered");
        assertThat(outbox).hasSize(1);
    }

    @Test
    void failuresTwilioMayRecoverFromAreRetriedWithBackOffAndRecorded() {
        start(true);
        String id = contactIdIn(sms("SM6666", "占道经营"));
        twilio.script(MESSAGES, new VendorStub.Answer(503, "{\"code\":20503,\"message\":\"unavailable\",\"status\":503}"),
                new VendorStub.Answer(429, "{\"code\":20429,\"message\":\"too many\",\"status\":429}"));
        OutboxEntry sent = reply(id, "已派城管处理");
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(twilio.to(MESSAGES)).hasSize(3);
        assertThat(twilio.to(MESSAGES)).extracting(s -> decode(s.body()).get("Body")).containsOnly("已派城管处理");
    }

    @Test
    void aRefusedNumberIsNotRetriedAndEndlessOutagesGiveUpAfterTheLastAttempt() {
        start(true);
        String id = contactIdIn(sms("SM7777", "问题"));
        twilio.script(MESSAGES, new VendorStub.Answer(400,
                "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}"));
        OutboxEntry refused = reply(id, "答复一");
        assertThat(refused.status()).isEqualTo("failed");
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.detail()).contains("21211");

        twilio.answer(MESSAGES, 500, "{\"code\":20500,\"message\":\"internal\",\"status\":500}");
        OutboxEntry gaveUp = reply(id, "答复二");
        assertThat(gaveUp.status()).isEqualTo("failed");
        assertThat(gaveUp.attempts()).isEqualTo(4);
        assertThat(twilio.to(MESSAGES)).hasSize(5);
    }

    @Test
    void withoutTwilioCredentialsRepliesGoToTheOutboxLogOnly() {
        start(false);
        String id = contactIdIn(sms("SM8888", "问题"));
        OutboxEntry logged = reply(id, "演示答复");
        assertThat(logged.status()).isEqualTo("logged");
        assertThat(twilio.seen).isEmpty();
        assertThat(node.get("/channels/outbox").body()).contains("演示答复").contains("\"status\":\"logged\"");
    }

    private OutboxEntry reply(String contactId, String text) {
        return Harness.await(node.vertx.eventBus().<OutboxEntry>request(ChannelAddresses.REPLY,
                new AgentReply(contactId, "agent-7", text))).body();
    }

    private static Map<String, String> decode(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
