package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.agentui.desk.SimilarCaseRoutes;
import org.civicline.core.config.AppConfig;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Citizen;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The desk's resident and similar-case API over real HTTP: what it finds, who may read it, what it refuses. */
class DeskResidentApiTest {
    private static final String PHONE = "13900007777";
    private static final String OPENID = "oWx-resident-7777";

    static CivicLine node;
    static Http agent;

    @BeforeAll
    static void start() throws Exception {
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0",
                "CIVICLINE_HTTP_HOST", "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory"));
        node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        agent = Http.signedIn(node.httpPort(), "8001");
    }

    @AfterAll
    static void stop() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aResidentWritingOnWechatIsShownWithTheTextSentFromTheirPhoneAndTheirOpenCaseMakesItARepeat()
            throws Exception {
        Citizen resident = await(node.stores().citizens().put(new Citizen(null, PHONE, OPENID, null, "陈女士",
                "桂园路 3 号", null)));
        Contact text = add(new Contact(null, Channel.SMS, null, PHONE, Instant.now().minus(Duration.ofDays(5)),
                "小区垃圾三天没人收", null, null, Priority.NORMAL, "sms:api-1", null, null));
        Contact chat = add(new Contact(null, Channel.WECHAT, resident.id(), OPENID, Instant.now(), "垃圾还是没人收",
                null, null, Priority.NORMAL, "wx:api-2", null, null));

        JsonNode first = agent.get("/api/desk/residents/" + chat.id()).json();
        assertThat(first.get("resident").get("name").asText()).isEqualTo("陈女士");
        assertThat(first.get("resident").get("phone").asText()).isEqualTo(PHONE);
        assertThat(first.get("contacts")).extracting(c -> c.get("id").asText()).containsExactly(chat.id(), text.id());
        assertThat(first.get("contacts").get(0).get("current").asBoolean()).isTrue();
        assertThat(first.get("repeat").get("repeat").asBoolean()).isFalse();
        assertThat(first.get("repeat").get("contactsInWindow").asInt()).isEqualTo(2);

        Http.Answer created = agent.postJson("/api/cases", Jsons.write(Map.of("channel", "WECHAT",
                "categoryCode", "0201", "citizenId", resident.id(), "contactId", text.id(),
                "description", "小区垃圾三天没人收", "address", "桂园路 3 号")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().get("number").asText();

        JsonNode again = agent.get("/api/desk/residents/" + chat.id()).json();
        assertThat(again.get("cases")).extracting(c -> c.get("number").asText()).containsExactly(number);
        assertThat(again.get("cases").get(0).get("categoryName").asText()).isEqualTo("垃圾清运");
        // The case opened at the desk names the contact; the contact shows it.
        assertThat(again.get("contacts").get(1).get("caseNumber").asText()).isEqualTo(number);
        assertThat(again.get("repeat").get("repeat").asBoolean()).isTrue();
        assertThat(again.get("repeat").get("reason").asText()).contains("第 2 次").contains(number);
    }

    @Test
    void supervisorsMayReadTheResidentOthersMayNotAndAnUnknownContactIsNotFound() throws Exception {
        Contact call = add(new Contact(null, Channel.HOTLINE_12345, null, "13900008888", Instant.now(), null, null,
                null, Priority.NORMAL, "ami:api-3", null, null));

        assertThat(Http.signedIn(node.httpPort(), "zhiban").get("/api/desk/residents/" + call.id()).status())
                .isEqualTo(200);
        assertThat(Http.signedIn(node.httpPort(), "wangge01").get("/api/desk/residents/" + call.id()).status())
                .isEqualTo(403);
        assertThat(Http.signedIn(node.httpPort(), "zhujian").get("/api/desk/similar-cases?text=x").status())
                .isEqualTo(403);
        Http.Answer unknown = agent.get("/api/desk/residents/c-nobody");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("no contact c-nobody");
    }

    @Test
    void similarCasesAreFoundByTextAndBadParametersAreNamed() throws Exception {
        Http.Answer created = agent.postJson("/api/cases", Jsons.write(Map.of("channel", "HOTLINE_12345",
                "categoryCode", "0103", "description", "明湖路 20 号井盖丢了，很危险", "address", "明湖路 20 号")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().get("number").asText();

        // Desks share one scan of the cases for a few seconds: a case this new shows up within that time.
        Instant deadline = Instant.now().plus(SimilarCaseRoutes.SCAN_MAX_AGE).plusSeconds(5);
        JsonNode found = agent.get("/api/desk/similar-cases?text=" + encode("明湖路 20 号井盖丢了")).json();
        while (!found.get("results").toString().contains(number) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            found = agent.get("/api/desk/similar-cases?text=" + encode("明湖路 20 号井盖丢了")).json();
        }
        assertThat(found.get("results")).extracting(c -> c.get("number").asText()).contains(number);
        assertThat(agent.get("/api/desk/similar-cases").json().get("results")).isEmpty();

        assertThat(problemField(agent.get("/api/desk/similar-cases?category=ld"))).isEqualTo("category");
        assertThat(problemField(agent.get("/api/desk/similar-cases?category=0103&grid=A1"))).isEqualTo("grid");
        assertThat(problemField(agent.get("/api/desk/similar-cases?category=0103&lon=120.13"))).isEqualTo("lat");
        assertThat(problemField(agent.get("/api/desk/similar-cases?category=0103&lon=east&lat=30.2")))
                .isEqualTo("lon");
        assertThat(problemField(agent.get("/api/desk/similar-cases?text=" + "a".repeat(601)))).isEqualTo("text");
    }

    private static String problemField(Http.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        return answer.json().get("problems").get(0).get("field").asText();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Contact add(Contact contact) throws Exception {
        return await(node.stores().contacts().add(contact)).contact();
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
