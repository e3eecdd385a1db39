package org.civicline.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicline.channels.wechat.WechatServerSide.APP_ID;
import static org.civicline.channels.wechat.WechatServerSide.TOKEN;
import static org.civicline.channels.wechat.WechatServerSide.field;
import static org.civicline.channels.wechat.WechatServerSide.message;
import static org.civicline.channels.wechat.WechatServerSide.query;
import static org.civicline.channels.wechat.WechatServerSide.sign;
import static org.civicline.channels.wechat.WechatServerSide.text;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.channels.Harness;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.workflow.Case;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WeChat callback over real HTTP: signatures, safe mode, message types, retries, conversations, hostile XML. */
class WechatCallbackTest {
    static final String CONFIG = """
            wechat:
              token: %s
              aesKey: %s
              appId: %s
              messagesPerMinute: 6
              conversationMinutes: 30
            """.formatted(TOKEN, WechatServerSide.AES_KEY, APP_ID);
    static final String SIGNED = "/wechat/callback?" + query("1795400000", "n0nce");

    Harness node;

    @BeforeEach
    void start() {
        node = new Harness(CONFIG);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    HttpResponse<String> push(String xml) {
        return node.post(SIGNED, "text/xml", xml);
    }

    static String contactIdIn(String reply) {
        Matcher m = Pattern.compile("受理编号 (\\S+?)[。，]").matcher(field(reply, "Content"));
        assertThat(m.find()).as(reply).isTrue();
        return m.group(1);
    }

    int storedMessages() {
        return Harness.await(node.stores.reference().list("channels.message", Object.class)).size();
    }

    @Test
    void verificationEchoesEchostrOnlyWhenTheSignatureMatches() {
        HttpResponse<String> ok = node.get(SIGNED + "&echostr=hello123");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("hello123");

        String wrong = "/wechat/callback?signature=" + sign("otherToken", "1795400000", "n0nce")
                + "&timestamp=1795400000&nonce=n0nce&echostr=hello123";
        assertThat(node.get(wrong).statusCode()).isEqualTo(403);
        assertThat(node.get("/wechat/callback?echostr=hello123").statusCode()).isEqualTo(403);
    }

    @Test
    void aTextMessageIsStoredAndQueuedBeforeTheResidentGetsTheContactNumber() {
        HttpResponse<String> answer = push(text("o_resident1", "幸福路路灯不亮三天了", 1001));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(field(answer.body(), "ToUserName")).isEqualTo("o_resident1");
        assertThat(field(answer.body(), "FromUserName")).isEqualTo("gh_civic");
        assertThat(field(answer.body(), "MsgType")).isEqualTo("text");
        String id = contactIdIn(answer.body());
        Contact contact = node.contact(id).orElseThrow();
        assertThat(contact.channel()).isEqualTo(Channel.WECHAT);
        assertThat(contact.sender()).isEqualTo("o_resident1");
        assertThat(contact.text()).isEqualTo("幸福路路灯不亮三天了");
        assertThat(contact.citizenId()).isNotNull();
        assertThat(Harness.await(node.stores.citizens().findByWechatOpenId("o_resident1"))).isPresent();
        assertThat(node.queued).extracting(q -> q.contact().id()).containsExactly(id);
    }

    @Test
    void aRetriedMsgIdMapsToTheSameContactAndIsQueuedOnce() {
        String first = contactIdIn(push(text("o_retry", "小区垃圾没人清运", 2002)).body());
        node.clock.advance(Duration.ofSeconds(5));
        String second = contactIdIn(push(text("o_retry", "小区垃圾没人清运", 2002)).body());
        String third = contactIdIn(push(text("o_retry", "小区垃圾没人清运", 2002)).body());

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(node.queued).hasSize(1);
        assertThat(node.contact(first).orElseThrow().text()).isEqualTo("小区垃圾没人清运");
    }

    @Test
    void furtherMessagesWithinTheWindowJoinTheOpenContactAndLaterOnesStartANewOne() {
        String first = contactIdIn(push(text("o_conv", "楼下餐馆油烟很大", 3001)).body());
        node.clock.advance(Duration.ofMinutes(10));
        HttpResponse<String> more = push(text("o_conv", "晚上十点以后还在营业", 3002));
        assertThat(field(more.body(), "Content")).contains("补充内容已收到").contains(first);
        node.clock.advance(Duration.ofMinutes(5));
        push(message("o_conv", "location", "<Location_X>31.2304</Location_X><Location_Y>121.4737</Location_Y>"
                + "<Scale>15</Scale><Label><![CDATA[幸福路12号]]></Label><MsgId>3003</MsgId>"));
        // The retry of a joined message must not join twice.
        push(text("o_conv", "晚上十点以后还在营业", 3002));

        Contact joined = node.contact(first).orElseThrow();
        assertThat(joined.text()).isEqualTo("楼下餐馆油烟很大\n晚上十点以后还在营业\n[位置] 幸福路12号");
        assertThat(joined.location().latitude()).isEqualTo(31.2304);
        assertThat(joined.location().longitude()).isEqualTo(121.4737);
        assertThat(node.queued).hasSize(1);

        node.clock.advance(Duration.ofMinutes(31));
        String later = contactIdIn(push(text("o_conv", "另一件事：井盖缺失", 3004)).body());
        assertThat(later).isNotEqualTo(first);
        assertThat(node.queued).hasSize(2);
    }

    @Test
    void imagesVoiceAndLinksAreKeptWithTheirMediaReferences() {
        String id = contactIdIn(push(message("o_media", "image", "<PicUrl><![CDATA[http://mmbiz.qpic.cn/abc]]>"
                + "</PicUrl><MediaId><![CDATA[media-1]]></MediaId><MsgId>4001</MsgId>")).body());
        push(message("o_media", "voice", "<MediaId><![CDATA[media-2]]></MediaId><Format><![CDATA[amr]]></Format>"
                + "<Recognition><![CDATA[路面塌陷了]]></Recognition><MsgId>4002</MsgId>"));
        push(message("o_media", "link", "<Title><![CDATA[新闻]]></Title><Description><![CDATA[d]]></Description>"
                + "<Url><![CDATA[http://example.cn/a]]></Url><MsgId>4003</MsgId>"));

        Contact contact = node.contact(id).orElseThrow();
        assertThat(contact.text()).isEqualTo("[图片]\n[语音] 路面塌陷了\n[链接] 新闻 http://example.cn/a");
        assertThat(contact.attachments()).extracting(a -> a.kind() + " " + a.reference())
                .containsExactly("image http://mmbiz.qpic.cn/abc", "voice wechat-media:media-2");
    }

    @Test
    void eventsAnswerWithoutStoringAnything() {
        HttpResponse<String> welcome = push(message("o_new", "event", "<Event><![CDATA[subscribe]]></Event>"
                + "<EventKey><![CDATA[qrscene_12]]></EventKey>"));
        assertThat(field(welcome.body(), "Content")).contains("欢迎关注");

        HttpResponse<String> report = push(message("o_new", "event", "<Event><![CDATA[CLICK]]></Event>"
                + "<EventKey><![CDATA[REPORT]]></EventKey>"));
        assertThat(field(report.body(), "Content")).contains("请直接发送问题描述");

        HttpResponse<String> mine = push(message("o_new", "event", "<Event><![CDATA[CLICK]]></Event>"
                + "<EventKey><![CDATA[MY_CASES]]></EventKey>"));
        assertThat(field(mine.body(), "Content")).contains("您还没有");

        HttpResponse<String> gone = push(message("o_new", "event", "<Event><![CDATA[unsubscribe]]></Event>"));
        assertThat(gone.body()).isEqualTo("success");
        assertThat(push(message("o_new", "shortvideo_unknown", "<MsgId>1</MsgId>")).body()).isEqualTo("success");
        assertThat(node.queued).isEmpty();
        assertThat(storedMessages()).isZero();
    }

    @Test
    void myCasesListsTheResidentsRecentContacts() {
        String id = contactIdIn(push(text("o_mine", "噪音扰民", 5001)).body());
        HttpResponse<String> mine = push(message("o_mine", "event", "<Event><![CDATA[CLICK]]></Event>"
                + "<EventKey><![CDATA[MY_CASES]]></EventKey>"));
        assertThat(field(mine.body(), "Content")).contains(id).contains("待立案");
    }

    @Test
    void aResidentCanQueryTheProgressOfTheirOwnCaseButNotOfAnotherOne() {
        contactIdIn(push(text("o_query", "路灯不亮", 6001)).body());
        String citizen = Harness.await(node.stores.citizens().findByWechatOpenId("o_query")).orElseThrow().id();
        Case own = createCase(citizen);
        Case other = createCase(null);

        String answer = field(push(text("o_query", "查询 " + own.number(), 6002)).body(), "Content");
        assertThat(answer).contains("工单 " + own.number()).contains("当前状态：接件").contains("办理时限");

        String refused = field(push(text("o_query", "查询：" + other.number(), 6003)).body(), "Content");
        assertThat(refused).contains("未找到您名下的工单 " + other.number());
        String malformed = field(push(text("o_query", "查询 12345", 6004)).body(), "Content");
        assertThat(malformed).contains("工单号格式应如");
        // Queries are answered, not stored as contacts.
        assertThat(node.queued).hasSize(1);
    }

    private Case createCase(String citizenId) {
        CreateCaseRequest request = new CreateCaseRequest("agent-7", Channel.WECHAT, "0101", Priority.NORMAL,
                citizenId, citizenId == null ? "13900000000" : null, null, null, "路灯不亮", null, null, null,
                List.of());
        return Harness.await(node.vertx.eventBus().<Case>request(Addresses.CASE_CREATE, request)).body();
    }

    @Test
    void safeModeRoundTripDecryptsTheMessageAndEncryptsAndSignsTheReply() {
        String inner = text("o_safe", "安全模式消息：窨井盖丢失", 7001);
        String encrypted = WechatServerSide.encrypt(inner, APP_ID);
        String path = "/wechat/callback?" + query("1795400001", "nonceS") + "&encrypt_type=aes&msg_signature="
                + sign(TOKEN, "1795400001", "nonceS", encrypted);
        HttpResponse<String> answer = node.post(path, "text/xml",
                "<xml><ToUserName><![CDATA[gh_civic]]></ToUserName><Encrypt><![CDATA[" + encrypted
                        + "]]></Encrypt></xml>");

        assertThat(answer.statusCode()).isEqualTo(200);
        String replyEncrypted = field(answer.body(), "Encrypt");
        String timestamp = field(answer.body(), "TimeStamp");
        String nonce = field(answer.body(), "Nonce");
        assertThat(field(answer.body(), "MsgSignature")).isEqualTo(sign(TOKEN, timestamp, nonce, replyEncrypted));
        String reply = WechatServerSide.decrypt(replyEncrypted);
        assertThat(field(reply, "ToUserName")).isEqualTo("o_safe");
        String id = contactIdIn(reply);
        assertThat(node.contact(id).orElseThrow().text()).isEqualTo("安全模式消息：窨井盖丢失");
    }

    @Test
    void safeModeRefusesAWrongMessageSignatureAndAnotherAppsCiphertext() {
        String encrypted = WechatServerSide.encrypt(text("o_safe2", "x", 7101), APP_ID);
        String body = "<xml><ToUserName>gh</ToUserName><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
        HttpResponse<String> badSignature = node.post("/wechat/callback?" + query("1795400001", "nonceS")
                + "&encrypt_type=aes&msg_signature=" + sign(TOKEN, "1795400001", "nonceS", "other"), "text/xml", body);
        assertThat(badSignature.statusCode()).isEqualTo(403);

        String foreign = WechatServerSide.encrypt(text("o_safe2", "x", 7102), "wxOTHERAPP0000000");
        HttpResponse<String> otherApp = node.post("/wechat/callback?" + query("1795400001", "nonceS")
                        + "&encrypt_type=aes&msg_signature=" + sign(TOKEN, "1795400001", "nonceS", foreign), "text/xml",
                "<xml><Encrypt><![CDATA[" + foreign + "]]></Encrypt></xml>");
        assertThat(otherApp.statusCode()).isEqualTo(400);
        assertThat(otherApp.body()).doesNotContain("Exception");

        HttpResponse<String> garbage = node.post("/wechat/callback?" + query("1795400001", "nonceS")
                        + "&encrypt_type=aes&msg_signature=" + sign(TOKEN, "1795400001", "nonceS", "@@notbase64@@"),
                "text/xml", "<xml><Encrypt>@@notbase64@@</Encrypt></xml>");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(storedMessages()).isZero();
    }

    @Test
    void aPostWithoutTheRightSignatureIsRefusedAndNothingIsStored() {
        HttpResponse<String> forged = node.post("/wechat/callback?signature=deadbeef&timestamp=1&nonce=2", "text/xml",
                text("o_forged", "伪造消息", 8001));
        HttpResponse<String> unsigned = node.post("/wechat/callback", "text/xml", text("o_forged", "伪造消息", 8002));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(node.queued).isEmpty();
        assertThat(storedMessages()).isZero();
    }

    @Test
    void hostileAndMalformedXmlIsRefusedWithoutAStackTraceAndNothingIsStored() {
        Map<String, String> hostile = Map.of(
                "external entity", "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<xml><FromUserName>o_x</FromUserName><MsgType>text</MsgType><Content>&x;</Content>"
                        + "<MsgId>9001</MsgId></xml>",
                "entity expansion", "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                        + "<xml><FromUserName>o_x</FromUserName><MsgType>text</MsgType><Content>&c;</Content>"
                        + "<MsgId>9002</MsgId></xml>",
                "not closed", "<xml><FromUserName>o_x</FromUserName><MsgType>text",
                "not xml", "{\"MsgType\":\"text\"}",
                "other root", "<message><FromUserName>o_x</FromUserName><MsgType>text</MsgType></message>",
                "no sender", "<xml><MsgType>text</MsgType><Content>hi</Content><MsgId>9003</MsgId></xml>",
                "empty", "");
        hostile.forEach((what, body) -> {
            HttpResponse<String> answer = push(body);
            assertThat(answer.statusCode()).as(what).isEqualTo(400);
            assertThat(answer.body()).as(what).doesNotContain("Exception").doesNotContain("root:");
        });
        HttpResponse<String> huge = push(text("o_x", "大".repeat(70_000), 9004));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(node.queued).isEmpty();
        assertThat(storedMessages()).isZero();
    }

    @Test
    void aSenderWhoFloodsIsToldToSlowDownAndTheExtraMessagesAreNotStored() {
        for (int i = 0; i < 6; i++) {
            push(text("o_flood", "消息 " + i, 10_000 + i));
        }
        HttpResponse<String> seventh = push(text("o_flood", "消息 7", 10_007));
        assertThat(field(seventh.body(), "Content")).contains("太快");
        assertThat(node.contact(node.queued.get(0).contact().id()).orElseThrow().text()).doesNotContain("消息 7");
        node.clock.advance(Duration.ofMinutes(1));
        assertThat(field(push(text("o_flood", "消息 8", 10_008)).body(), "Content")).contains("已收到");
    }
}
