package org.civicline.channels.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.eventbus.ReplyException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.core.channels.AgentReply;
import org.civicline.core.channels.ChannelAddresses;
import org.civicline.channels.Harness;
import org.civicline.channels.outbox.OutboxEntry;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;
import org.civicline.core.workflow.Case;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leaders' mailbox over real HTTP: form, receipt with case number and query code, query page, abuse limits. */
class MailboxTest {
    static final Map<String, String> JSON = Map.of("Accept", "application/json");

    @TempDir
    Path uploads;
    Harness node;

    @BeforeEach
    void start() {
        node = new Harness("""
                channels:
                  uploadDir: %s
                  maxUploadBytes: 100000
                mailbox:
                  lettersPerIpPerHour: 6
                  lettersPerPhonePerDay: 2
                  queriesPerIpPerHour: 5
                """.formatted(uploads));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static Map<String, String> letter(String phone, String token) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "张三");
        form.put("phone", phone);
        form.put("idLast4", "123x");
        form.put("subject", "小区旁工地夜间施工扰民");
        form.put("letter", "幸福路工地每晚十一点后仍在施工，噪音很大，老人孩子无法休息，希望有关部门管一管。");
        form.put("category", "01");
        form.put("publish", "no");
        form.put("website", "");
        if (token != null) {
            form.put("formToken", token);
        }
        return form;
    }

    JsonNode submit(Map<String, String> form) {
        HttpResponse<String> answer = node.postForm("/mailbox", form, JSON);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return Jsons.read(answer.body(), JsonNode.class);
    }

    HttpResponse<String> query(String code, Map<String, String> headers) {
        return node.postForm("/mailbox/query", Map.of("code", code), headers);
    }

    @Test
    void theFormIsAChineseMobilePageWithAHiddenHoneypotAndAFormToken() {
        HttpResponse<String> page = node.get("/mailbox");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("lang=\"zh-CN\"").contains("name=\"viewport\"").contains("书记区长信箱")
                .contains("name=\"website\"").contains("tabindex=\"-1\"").containsPattern("name=\"formToken\" value=\"[0-9a-f]{32}\"")
                .contains("name=\"idLast4\"").contains("name=\"publish\"").contains("name=\"attachments\"");
        assertThat(page.body()).doesNotContain("captcha");
    }

    @Test
    void aLetterGetsACaseNumberAndAQueryCodeThatShowsItsProgress() {
        JsonNode receipt = submit(letter("13800138000", "tok-aaaaaaaa"));
        String number = receipt.get("caseNumber").asText();
        String code = receipt.get("queryCode").asText();
        assertThat(code).matches("[A-Z2-9]{10}");
        assertThat(Instant.parse(receipt.get("firstResponseDue").asText()))
                .isEqualTo(node.clock.instant().plus(Duration.ofHours(24)));

        Case c = node.caseOf(number).orElseThrow();
        assertThat(c.details().channel()).isEqualTo(Channel.MAILBOX);
        assertThat(c.details().priority()).isEqualTo(Priority.LOW);
        assertThat(c.details().description()).contains("小区旁工地夜间施工扰民").contains("【是否同意公开】不同意");
        assertThat(c.details().citizenId()).isEqualTo(Harness.await(node.stores.citizens().findByPhone("13800138000"))
                .orElseThrow().id());
        assertThat(node.queued).hasSize(1);
        assertThat(node.queued.get(0).contact().priority()).isEqualTo(Priority.LOW);

        HttpResponse<String> progress = query(code.toLowerCase(), Map.of());
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.body()).contains("工单 " + number).contains("接件");
        assertThat(progress.body()).doesNotContain("张三").doesNotContain("13800138000");

        HttpResponse<String> wrong = query("ABCDEFGHJK", Map.of());
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(wrong.body()).contains("查询码不正确");
        assertThat(query(number, Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void aResubmittedFormGetsTheSameCaseAndCode() {
        JsonNode first = submit(letter("13800138001", "tok-bbbbbbbb"));
        JsonNode again = submit(letter("13800138001", "tok-bbbbbbbb"));
        assertThat(again.get("caseNumber").asText()).isEqualTo(first.get("caseNumber").asText());
        assertThat(again.get("queryCode").asText()).isEqualTo(first.get("queryCode").asText());
        assertThat(node.caseNumbers()).hasSize(1);
        assertThat(node.queued).hasSize(1);
    }

    @Test
    void aBrowserSubmissionWithAPhotoGetsAReceiptPage() {
        Map<String, String> fields = letter("13800138002", "tok-cccccccc");
        String boundary = "----mailbox" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachments\"; "
                + "filename=\"site.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(png());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> page = node.postBytes("/mailbox", "multipart/form-data; boundary=" + boundary,
                body.toByteArray(), Map.of());

        assertThat(page.statusCode()).as(page.body()).isEqualTo(201);
        Matcher number = Pattern.compile("id=\"caseNumber\">([^<]+)<").matcher(page.body());
        assertThat(number.find()).isTrue();
        assertThat(page.body()).containsPattern("id=\"queryCode\">[A-Z2-9]{10}<");
        Case c = node.caseOf(number.group(1)).orElseThrow();
        assertThat(c.details().attachments()).singleElement()
                .satisfies(a -> assertThat(a.reference()).startsWith("mailbox-attachment:p"));
    }

    @Test
    void aLongLetterFromTheBrowserFormIsAccepted() {
        Map<String, String> fields = letter("13800138011", "tok-longlong");
        fields.put("letter", "夜".repeat(2990));
        String boundary = "----long" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = node.postBytes("/mailbox", "multipart/form-data; boundary=" + boundary,
                body.toByteArray(), JSON);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    @Test
    void invalidLettersNameEachFieldAndStoreNothing() {
        Map<String, String> bad = letter("12345", null);
        bad.put("name", "");
        bad.put("idLast4", "12");
        bad.put("letter", "长".repeat(3001));
        bad.put("category", "99");
        bad.put("publish", "maybe");
        HttpResponse<String> answer = node.postForm("/mailbox", bad, JSON);
        assertThat(answer.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        Jsons.read(answer.body(), JsonNode.class).get("problems").forEach(p -> fields.add(p.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("name", "phone", "idLast4", "letter", "category", "publish");
        assertThat(answer.body()).contains("联系电话（phone）").contains("不能超过 3000 字");

        HttpResponse<String> page = node.postForm("/mailbox", bad, Map.of());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("data-field=\"phone\"").contains("<form");
        assertThat(node.caseNumbers()).isEmpty();
        assertThat(node.queued).isEmpty();
    }

    @Test
    void aFilledHoneypotLooksAcceptedButStoresNothing() {
        Map<String, String> bot = letter("13800138003", "tok-dddddddd");
        bot.put("website", "http://spam.example");
        HttpResponse<String> answer = node.postForm("/mailbox", bot, Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("来信已收到").doesNotContain("queryCode");
        assertThat(node.caseNumbers()).isEmpty();
        assertThat(node.queued).isEmpty();
    }

    @Test
    void lettersAreLimitedPerPhoneAndPerAddress() {
        submit(letter("13800138004", "tok-e1111111"));
        submit(letter("13800138004", "tok-e2222222"));
        HttpResponse<String> third = node.postForm("/mailbox", letter("13800138004", "tok-e3333333"), JSON);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(Jsons.read(third.body(), JsonNode.class).get("limit").asText()).isEqualTo("phone");

        submit(letter("13800138005", "tok-f1111111"));
        submit(letter("13800138006", "tok-f2222222"));
        submit(letter("13800138007", "tok-f3333333"));
        HttpResponse<String> seventh = node.postForm("/mailbox", letter("13800138008", "tok-f4444444"), JSON);
        assertThat(seventh.statusCode()).isEqualTo(429);
        assertThat(Jsons.read(seventh.body(), JsonNode.class).get("limit").asText()).isEqualTo("address");
        assertThat(node.caseNumbers()).hasSize(5);

        node.clock.advance(Duration.ofHours(1));
        submit(letter("13800138008", "tok-f4444444"));
    }

    @Test
    void behindATrustedProxyEachResidentHasTheirOwnAddressLimit() {
        node.close();
        node = new Harness("""
                http:
                  trustedProxies: ["127.0.0.1"]
                channels:
                  uploadDir: %s
                  maxUploadBytes: 100000
                mailbox:
                  lettersPerIpPerHour: 2
                  lettersPerPhonePerDay: 5
                  queriesPerIpPerHour: 5
                """.formatted(uploads));
        Map<String, String> fromA = Map.of("Accept", "application/json", "X-Real-IP", "203.0.113.7");
        Map<String, String> fromB = Map.of("Accept", "application/json", "X-Real-IP", "203.0.113.8");
        assertThat(node.postForm("/mailbox", letter("13800138011", "tok-h1111111"), fromA).statusCode())
                .isEqualTo(201);
        assertThat(node.postForm("/mailbox", letter("13800138012", "tok-h2222222"), fromA).statusCode())
                .isEqualTo(201);
        HttpResponse<String> third = node.postForm("/mailbox", letter("13800138013", "tok-h3333333"), fromA);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(Jsons.read(third.body(), JsonNode.class).get("limit").asText()).isEqualTo("address");

        assertThat(node.postForm("/mailbox", letter("13800138013", "tok-h3333333"), fromB).statusCode())
                .as("another resident behind the same proxy").isEqualTo(201);
    }

    @Test
    void aClientCannotNameItsOwnAddress() {
        for (int i = 0; i < 6; i++) {
            Map<String, String> headers = Map.of("Accept", "application/json", "X-Real-IP", "203.0.113." + i);
            assertThat(node.postForm("/mailbox", letter("1380013802" + i, "tok-i" + i + "111111"), headers)
                    .statusCode()).isEqualTo(201);
        }
        HttpResponse<String> seventh = node.postForm("/mailbox", letter("13800138029", "tok-i9999999"),
                Map.of("Accept", "application/json", "X-Real-IP", "203.0.113.99"));
        assertThat(seventh.statusCode()).as("no proxy is trusted: the header is ignored").isEqualTo(429);
    }

    @Test
    void guessingQueryCodesIsCutOff() {
        for (int i = 0; i < 5; i++) {
            assertThat(query("AAAAAAAAA" + i, Map.of()).statusCode()).isEqualTo(404);
        }
        assertThat(query("AAAAAAAAAA", Map.of()).statusCode()).isEqualTo(429);
    }

    @Test
    void anAgentsAnswerAppearsOnTheQueryPageAndInTheOutbox() {
        JsonNode receipt = submit(letter("13800138009", "tok-gggggggg"));
        String contactId = node.queued.get(0).contact().id();
        OutboxEntry sent = Harness.await(node.vertx.eventBus().<OutboxEntry>request(ChannelAddresses.REPLY,
                new AgentReply(contactId, "agent-7", "已转城管执法部门，夜间施工将于本周整改。"))).body();
        assertThat(sent.status()).isEqualTo("published");

        JsonNode progress = Jsons.read(query(receipt.get("queryCode").asText(), JSON).body(), JsonNode.class);
        assertThat(progress.get("answers").get(0).get("text").asText()).isEqualTo("已转城管执法部门，夜间施工将于本周整改。");
        assertThat(node.get("/channels/outbox").body()).contains("已转城管执法部门");

        Throwable unknown = Harness.await(node.vertx.eventBus().request(ChannelAddresses.REPLY,
                new AgentReply("nope", "agent-7", "x")).<Throwable>map(m -> null)
                .recover(io.vertx.core.Future::succeededFuture));
        assertThat(unknown).isInstanceOf(ReplyException.class);
        assertThat(((ReplyException) unknown).failureCode()).isEqualTo(404);
    }

    @Test
    void anAttachmentThatIsNotAPhotoIsRefusedNamingTheField() {
        String boundary = "----mb" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        letter("13800138010", "tok-hhhhhhhh").forEach((k, v) -> body.writeBytes(("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachments\"; "
                + "filename=\"x.png\"\r\nContent-Type: image/png\r\n\r\nMZ-not-a-png\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = node.postBytes("/mailbox", "multipart/form-data; boundary=" + boundary,
                body.toByteArray(), JSON);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"field\":\"attachments\"");
        assertThat(node.caseNumbers()).isEmpty();
    }

    private static byte[] png() {
        try {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
