package org.civicline.channels.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicline.channels.open311.GeoReportSchemas.assertValid;
import static org.civicline.channels.open311.GeoReportSchemas.assertValidAnswer;
import static org.civicline.channels.open311.GeoReportSchemas.assertValidXml;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicline.channels.Harness;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.bus.TransitionCaseRequest;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GeoReport v2 over real HTTP; every JSON answer checked against the published schemas, XML by the same rules. */
class Open311Test {
    static final String KEY = "city-app-key-0001";
    static final String OTHER_KEY = "fixmystreet-key-02";

    @TempDir
    Path uploads;
    Harness node;

    @BeforeEach
    void start() {
        node = new Harness("""
                channels:
                  publicUrl: http://civic.test
                  uploadDir: %s
                  maxUploadBytes: 200000
                open311:
                  apiKeys: [%s, %s]
                  cityAppKeys: [%s]
                  postsPerMinute: 8
                """.formatted(uploads, KEY, OTHER_KEY, KEY));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static Map<String, String> report(String description) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", KEY);
        form.put("service_code", "0101");
        form.put("lat", "31.2304");
        form.put("long", "121.4737");
        form.put("address_string", "幸福路 12 号");
        form.put("description", description);
        form.put("phone", "13800138000");
        form.put("first_name", "芳");
        form.put("last_name", "王");
        form.put("account_id", "app-user-77");
        return form;
    }

    HttpResponse<String> post(String format, Map<String, String> form) {
        return node.postForm("/open311/v2/requests." + format, form, Map.of());
    }

    String file(String format, Map<String, String> form) {
        HttpResponse<String> answer = post(format, form);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return assertValidAnswer("RequestResponse", answer.body()).get(0).get("service_request_id").asText();
    }

    @Test
    void discoveryNamesTheEndpointAndItsFormatsInBothFormats() {
        HttpResponse<String> json = node.get("/open311/v2/discovery.json");
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode d = Jsons.read(json.body(), JsonNode.class);
        assertThat(d.get("changeset").asText()).matches(".*T.*\\+08:00");
        JsonNode endpoint = d.get("endpoints").get(0);
        assertThat(endpoint.get("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.get("url").asText()).isEqualTo("http://civic.test/open311/v2");
        assertThat(endpoint.get("formats")).extracting(JsonNode::asText).containsExactly("text/xml", "application/json");

        HttpResponse<String> xml = node.get("/open311/v2/discovery.xml");
        assertThat(xml.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
        JsonNode x = assertValidXml(null, xml.body(), "discovery");
        assertThat(x.get("endpoints").get(0).get("formats")).extracting(JsonNode::asText)
                .containsExactly("text/xml", "application/json");
    }

    @Test
    void servicesAreTheCaseCategoriesAndEachHasADefinition() {
        JsonNode services = assertValid("services.json", node.get("/open311/v2/services.json").body());
        int categories = org.civicline.core.reference.ReferenceData.load(Harness.CONFIG).categories().size();
        assertThat(services).hasSize(categories);
        JsonNode lighting = null;
        for (JsonNode s : services) {
            if (s.get("service_code").asText().equals("0101")) {
                lighting = s;
            }
        }
        assertThat(lighting).isNotNull();
        assertThat(lighting.get("metadata").asBoolean()).isTrue();
        assertThat(lighting.get("type").asText()).isEqualTo("batch");
        JsonNode xml = assertValidXml("services.json", node.get("/open311/v2/services.xml").body(), "services");
        assertThat(xml).hasSize(categories);

        JsonNode definition = assertValid("service-definition.json", node.get("/open311/v2/services/0101.json").body());
        assertThat(definition.get("attributes").get(0).get("code").asText()).isEqualTo("urgency");
        assertValidXml("service-definition.json", node.get("/open311/v2/services/0101.xml").body(),
                "service_definition");

        HttpResponse<String> missing = node.get("/open311/v2/services/9999.json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Jsons.read(missing.body(), JsonNode.class).get(0).get("code").asInt()).isEqualTo(404);
    }

    @Test
    void aPostNeedsAValidApiKeyAndOtherwiseStoresNothing() {
        Map<String, String> noKey = report("路灯不亮");
        noKey.remove("api_key");
        HttpResponse<String> missing = post("json", noKey);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("api_key is required");

        Map<String, String> wrong = report("路灯不亮");
        wrong.put("api_key", "guessed-key-123");
        HttpResponse<String> refused = post("xml", wrong);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(GeoReportSchemas.parse(refused.body()).getTagName()).isEqualTo("errors");
        assertThat(node.caseNumbers()).isEmpty();
        assertThat(node.queued).isEmpty();
    }

    @Test
    void aPostedRequestBecomesACaseThatReadsBackInBothFormats() {
        HttpResponse<String> answer = post("json", report("幸福路 12 号门前路灯不亮三天了"));
        JsonNode created = assertValidAnswer("RequestResponse", answer.body()).get(0);
        String id = created.get("service_request_id").asText();
        assertThat(created.has("token")).isFalse();
        assertThat(created.get("account_id").asText()).isEqualTo("app-user-77");
        assertThat(created.get("service_notice").asText()).contains(id);

        Case c = node.caseOf(id).orElseThrow();
        assertThat(c.details().channel()).isEqualTo(Channel.APP);
        assertThat(c.details().location().latitude()).isEqualTo(31.2304);
        Contact contact = node.contact(c.details().contactId()).orElseThrow();
        assertThat(contact.caseNumber()).isEqualTo(id);
        assertThat(node.queued).extracting(q -> q.contact().id()).containsExactly(contact.id());

        JsonNode read = assertValid("requests.json", node.get("/open311/v2/requests/" + id + ".json").body()).get(0);
        assertThat(read.get("status").asText()).isEqualTo("open");
        assertThat(read.get("status_notes").asText()).contains("接件");
        assertThat(read.get("service_code").asText()).isEqualTo("0101");
        assertThat(read.get("description").asText()).isEqualTo("幸福路 12 号门前路灯不亮三天了");
        assertThat(read.get("expected_datetime").asText()).endsWith("+08:00");
        assertThat(read.get("lat").asDouble()).isEqualTo(31.2304);
        assertThat(read.get("long").asDouble()).isEqualTo(121.4737);

        JsonNode xml = assertValidXml("requests.json", node.get("/open311/v2/requests/" + id + ".xml").body(),
                "service_requests").get(0);
        assertThat(xml.get("service_request_id").asText()).isEqualTo(id);
        assertThat(xml.get("expected_datetime").asText()).isEqualTo(read.get("expected_datetime").asText());

        HttpResponse<String> postedXml = post("xml", report("另一处路灯也不亮"));
        assertValidXml(null, postedXml.body(), "service_requests");
        assertThat(node.get("/open311/v2/requests/20991231-9999.json").statusCode()).isEqualTo(404);
    }

    @Test
    void aClientRetryGetsTheSameCaseWithOrWithoutAnIdempotencyKey() {
        String first = file("json", report("井盖缺失，很危险"));
        String again = file("json", report("井盖缺失，很危险"));
        String xmlRetry = assertValidXml(null, post("xml", report("井盖缺失，很危险")).body(),
                "service_requests").get(0).get("service_request_id").asText();
        assertThat(again).isEqualTo(first);
        assertThat(xmlRetry).isEqualTo(first);

        Map<String, String> headers = Map.of("Idempotency-Key", "submit-42");
        HttpResponse<String> keyed = node.postForm("/open311/v2/requests.json", report("树枝挡路"), headers);
        Map<String, String> edited = report("树枝挡路（补充：在公交站旁）");
        HttpResponse<String> keyedRetry = node.postForm("/open311/v2/requests.json", edited, headers);
        assertThat(Jsons.read(keyedRetry.body(), JsonNode.class).get(0).get("service_request_id").asText())
                .isEqualTo(Jsons.read(keyed.body(), JsonNode.class).get(0).get("service_request_id").asText());

        assertThat(node.caseNumbers()).hasSize(2);
        assertThat(node.queued).hasSize(2);
    }

    @Test
    void invalidRequestsNameEveryWrongParameterAndStoreNothing() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("api_key", KEY);
        bad.put("lat", "91");
        bad.put("email", "not-an-email");
        bad.put("description", "<script>alert(1)</script>");
        bad.put("attribute[urgency]", "panic");
        bad.put("attribute[colour]", "red");
        bad.put("media_url", "javascript:alert(1)");
        HttpResponse<String> answer = post("json", bad);
        assertThat(answer.statusCode()).isEqualTo(400);
        List<String> descriptions = new ArrayList<>();
        Jsons.read(answer.body(), JsonNode.class).forEach(e -> {
            assertThat(e.get("code").asInt()).isEqualTo(400);
            descriptions.add(e.get("description").asText());
        });
        assertThat(descriptions).anyMatch(d -> d.startsWith("service_code is required"))
                .anyMatch(d -> d.startsWith("long is required together with lat"))
                .anyMatch(d -> d.startsWith("email "))
                .anyMatch(d -> d.startsWith("description must be plain text"))
                .anyMatch(d -> d.startsWith("attribute[urgency] must be one of"))
                .anyMatch(d -> d.startsWith("attribute[colour] is not an attribute"))
                .anyMatch(d -> d.startsWith("media_url "));

        Map<String, String> unknown = report("x");
        unknown.put("service_code", "9999");
        assertThat(post("xml", unknown).body()).contains("<code>400</code>").contains("service_code '9999'");
        Map<String, String> nowhere = report("x");
        nowhere.remove("lat");
        nowhere.remove("long");
        nowhere.remove("address_string");
        assertThat(post("json", nowhere).body()).contains("a location is required");
        Map<String, String> tooLong = report("长".repeat(4001));
        assertThat(post("json", tooLong).body()).contains("description is longer than 4000 characters");
        Map<String, String> empty = report("");
        empty.put("lat", "");
        empty.put("long", "");
        empty.put("address_string", "");
        assertThat(post("json", empty).body()).contains("a location is required");
        assertThat(node.caseNumbers()).isEmpty();
        assertThat(node.queued).isEmpty();
    }

    @Test
    void aBodyThatIsNotAFormIsRefused() {
        HttpResponse<String> json = node.post("/open311/v2/requests.json", "application/json",
                "{\"service_code\":\"0101\"}");
        assertThat(json.statusCode()).isEqualTo(415);
        HttpResponse<String> broken = node.post("/open311/v2/requests.json", "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\nno end");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).doesNotContain("Exception");
        HttpResponse<String> badEscape = node.post("/open311/v2/requests.json",
                "application/x-www-form-urlencoded", "api_key=%zz&service_code=0101");
        assertThat(badEscape.statusCode()).isEqualTo(400);
        assertThat(node.caseNumbers()).isEmpty();
    }

    @Test
    void requestsCanBeFilteredAndPagedAndOnlyPublicReportsAreListed() {
        String a = file("json", report("一号路灯不亮"));
        node.clock.advance(Duration.ofMinutes(1));
        String b = file("json", report("二号路灯不亮"));
        node.clock.advance(Duration.ofMinutes(1));
        Map<String, String> other = report("三号：垃圾");
        other.put("api_key", OTHER_KEY);
        other.put("service_code", firstCodeOtherThan("0101"));
        String c = file("json", other);
        hotlineCase();
        Harness.await(node.vertx.eventBus().request(Addresses.CASE_TRANSITION, new TransitionCaseRequest(a,
                CaseTransition.to(CaseState.CANCELLED, "agent-7").because("重复"))));

        assertThat(ids(assertValid("requests.json", node.get("/open311/v2/requests.json").body())))
                .containsExactly(c, b, a);
        assertThat(ids(assertValid("requests.json", node.get("/open311/v2/requests.json?status=closed").body())))
                .containsExactly(a);
        JsonNode closed = assertValid("requests.json", node.get("/open311/v2/requests.json?status=closed").body());
        assertThat(closed.get(0).get("status").asText()).isEqualTo("closed");
        assertThat(closed.get(0).get("expected_datetime").isNull()).isTrue();
        assertThat(ids(assertValid("requests.json", node.get("/open311/v2/requests.json?service_code=0101&status=open")
                .body()))).containsExactly(b);
        assertThat(ids(assertValid("requests.json", node.get("/open311/v2/requests.json?page_size=2&page=2").body())))
                .containsExactly(a);
        assertThat(ids(assertValid("requests.json", node.get("/open311/v2/requests.json?service_request_id=" + a + ","
                + c + "&status=open").body()))).containsExactlyInAnyOrder(a, c);
        assertThat(ids(assertValidXml("requests.json", node.get("/open311/v2/requests.xml?page_size=1").body(),
                "service_requests"))).containsExactly(c);
        String window = "start_date=" + Harness.enc("2026-11-23T09:31:00+08:00") + "&end_date="
                + Harness.enc("2026-11-23T09:31:30+08:00");
        assertThat(ids(assertValid("requests.json", node.get("/open311/v2/requests.json?" + window).body())))
                .containsExactly(b);
    }

    @Test
    void badListParametersAreRefusedNamingTheParameter() {
        assertThat(node.get("/open311/v2/requests.json?start_date=2026-11-01").body())
                .contains("start_date must be an ISO 8601 date-time with a time zone");
        HttpResponse<String> span = node.get("/open311/v2/requests.json?start_date=" + Harness.enc(
                "2026-01-01T00:00:00Z") + "&end_date=" + Harness.enc("2026-06-01T00:00:00Z"));
        assertThat(span.statusCode()).isEqualTo(400);
        assertThat(span.body()).contains("spans more than 90 days");
        assertThat(node.get("/open311/v2/requests.xml?page=0&page_size=5000&status=pending").body())
                .contains("page must be").contains("page_size must be").contains("status must be");
    }

    @Test
    void extensionsShowThePublicNotesAndTheUpdateFeedFollowsEveryStep() {
        String id = file("json", report("路面坑洼"));
        node.clock.advance(Duration.ofMinutes(5));
        Harness.await(node.vertx.eventBus().request(Addresses.CASE_TRANSITION, new TransitionCaseRequest(id,
                CaseTransition.to(CaseState.REGISTERED, "agent-7").withNote("内部备注：勿外传"))));

        JsonNode read = assertValid("requests.json", node.get("/open311/v2/requests/" + id
                + ".json?extensions=true").body()).get(0);
        assertThat(read.get("notes")).hasSize(2);
        assertThat(read.get("notes").get(1).get("summary").asText()).contains("立案");
        assertThat(read.toString()).doesNotContain("内部备注");
        assertThat(Jsons.read(node.get("/open311/v2/requests/" + id + ".json").body(), JsonNode.class).get(0)
                .has("notes")).isFalse();

        JsonNode updates = Jsons.read(node.get("/open311/v2/servicerequestupdates.json").body(), JsonNode.class);
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).get("update_id").asText()).isEqualTo(id + "-2");
        assertThat(updates.get(0).get("service_request_id").asText()).isEqualTo(id);
        assertThat(updates.get(0).get("updated_datetime").asText()).endsWith("+08:00");
        assertThat(GeoReportSchemas.parse(node.get("/open311/v2/servicerequestupdates.xml").body()).getTagName())
                .isEqualTo("service_request_updates");
    }

    @Test
    void aPhotoWithoutAFormLocationPlacesTheCaseByItsExifGpsAndIsServedBack() {
        byte[] photo = Photos.jpegAt(121.4737, 31.2304);
        Photos.Multipart form = new Photos.Multipart().field("api_key", KEY).field("service_code", "0101")
                .field("description", "随手拍：路灯杆倾斜").file("media", "IMG_0001.jpg", "image/jpeg", photo);
        HttpResponse<String> answer = node.postBytes("/open311/v2/requests.json", form.contentType(), form.bytes(),
                Map.of());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String id = assertValidAnswer("RequestResponse", answer.body()).get(0).get("service_request_id").asText();

        JsonNode read = assertValid("requests.json", node.get("/open311/v2/requests/" + id + ".json").body()).get(0);
        assertThat(read.get("lat").asDouble()).isCloseTo(31.2304, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(read.get("long").asDouble()).isCloseTo(121.4737, org.assertj.core.data.Offset.offset(1e-4));
        String mediaUrl = read.get("media_url").asText();
        assertThat(mediaUrl).startsWith("http://civic.test/open311/v2/media/");
        HttpResponse<byte[]> served = bytes(mediaUrl.replace("http://civic.test", ""));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(photo);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    }

    @Test
    void uploadsMustBeSmallJpegOrPngPhotosAndAPhotoWithoutGpsNeedsALocation() {
        Photos.Multipart text = new Photos.Multipart().field("api_key", KEY).field("service_code", "0101")
                .field("address_string", "幸福路").file("media", "evil.jpg", "image/jpeg",
                        "<?php echo 1; ?>".getBytes());
        HttpResponse<String> notImage = node.postBytes("/open311/v2/requests.json", text.contentType(), text.bytes(),
                Map.of());
        assertThat(notImage.statusCode()).isEqualTo(400);
        assertThat(notImage.body()).contains("media must be a JPEG or PNG photo");

        Photos.Multipart noGps = new Photos.Multipart().field("api_key", KEY).field("service_code", "0101")
                .file("media", "a.png", "image/png", Photos.png());
        HttpResponse<String> nowhere = node.postBytes("/open311/v2/requests.json", noGps.contentType(), noGps.bytes(),
                Map.of());
        assertThat(nowhere.statusCode()).isEqualTo(400);
        assertThat(nowhere.body()).contains("media has no GPS position");

        Photos.Multipart huge = new Photos.Multipart().field("api_key", KEY).field("service_code", "0101")
                .file("media", "big.jpg", "image/jpeg", new byte[400_000]);
        HttpResponse<String> tooBig = node.postBytes("/open311/v2/requests.json", huge.contentType(), huge.bytes(),
                Map.of());
        assertThat(tooBig.statusCode()).isEqualTo(413);

        Photos.Multipart alone = new Photos.Multipart().field("api_key", KEY)
                .file("media", "a.png", "image/png", Photos.png());
        HttpResponse<String> uploaded = node.postBytes("/open311/v2/media.json", alone.contentType(), alone.bytes(),
                Map.of());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(Jsons.read(uploaded.body(), JsonNode.class).get("media_url").asText()).endsWith(".png");
        assertThat(node.caseNumbers()).isEmpty();
        assertThat(bytes("/open311/v2/media/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
    }

    @Test
    void whenTheCaseServiceIsDownTheReportIsKeptAndItsTokenLeadsToTheCaseLater() {
        node.stopCaseService();
        HttpResponse<String> answer = post("json", report("消防通道被占"));
        JsonNode raw = assertValidAnswer("RequestResponse", answer.body()).get(0);
        assertThat(raw.has("service_request_id")).isFalse();
        String token = raw.get("token").asText();
        assertThat(node.caseNumbers()).isEmpty();

        node.startCaseService();
        JsonNode resolved = assertValidAnswer("TokenResponse", node.get("/open311/v2/tokens/" + token + ".json").body())
                .get(0);
        String id = resolved.get("service_request_id").asText();
        assertThat(resolved.get("token").asText()).isEqualTo(token);
        assertThat(node.caseOf(id)).isPresent();
        assertThat(file("json", report("消防通道被占"))).isEqualTo(id);
        assertThat(node.get("/open311/v2/tokens/nosuchtoken.json").statusCode()).isEqualTo(404);
    }

    @Test
    void aClientThatPostsTooOftenIsSlowedDown() {
        for (int i = 0; i < 8; i++) {
            assertThat(post("json", report("第 " + i + " 条")).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> ninth = post("json", report("第 9 条"));
        assertThat(ninth.statusCode()).isEqualTo(429);
        assertThat(node.caseNumbers()).hasSize(8);
    }

    private HttpResponse<byte[]> bytes(String path) {
        try {
            return node.http.send(HttpRequest.newBuilder(URI.create(node.url(path))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(r -> ids.add(r.get("service_request_id").asText()));
        return ids;
    }

    private String firstCodeOtherThan(String code) {
        return org.civicline.core.reference.ReferenceData.load(Harness.CONFIG).categories().subs().stream()
                .map(org.civicline.core.model.Category::code).filter(c -> !c.equals(code)).findFirst().orElseThrow();
    }

    private void hotlineCase() {
        Harness.await(node.vertx.eventBus().request(Addresses.CASE_CREATE, new CreateCaseRequest("agent-7",
                Channel.HOTLINE_12345, "0101", Priority.NORMAL, null, "13900000000", "李先生", null,
                "私人来电：邻里纠纷", null, null, null, List.of())));
    }
}
