package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.civicline.core.config.AppConfig;
import org.civicline.core.json.Jsons;
import org.civicline.telephony.sandbox.AmiPacket;
import org.civicline.telephony.sandbox.SandboxCall;
import org.civicline.telephony.sandbox.SandboxPbx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk's call controls, chat tabs and the supervisor's listen-in in headless Chromium against a whole node: a
 * call placed in the sandbox PBX is accepted (the desk tells the browser phone with {@code civicline:accepted}), the
 * supervisor listens in from the wallboard (the PBX runs ChanSpy on the agent's channel), the agent holds and
 * resumes (the PBX plays music on hold, then bridges the agent again) and hangs up; then two WeChat residents write,
 * the agent accepts both into two tabs, the first tab shows what was written before and what arrives while it is
 * open, and the reply reaches a local stand-in for the WeChat API. Screenshots go to {@code target/screenshots/}.
 */
class DeskCallsChatsIT {
    private static final String SECRET = "desk-calls-secret";
    private static final String WECHAT_TOKEN = "civiclineDemo";

    static Vertx sideVertx;
    static SandboxPbx pbx;
    static CivicLine node;
    static String base;
    static final List<AmiPacket> pbxEvents = new CopyOnWriteArrayList<>();
    static final List<JsonNode> wechatSent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
        sideVertx = Vertx.vertx();
        pbx = new SandboxPbx(sideVertx, new SandboxPbx.Settings("127.0.0.1", 0, "civicline", SECRET),
                Clock.systemUTC());
        pbx.tap(pbxEvents::add);
        int amiPort = get(pbx.start());
        // Stands in for api.weixin.qq.com: hands out a token and records every customer-service message.
        HttpServer wechat = get(sideVertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/cgi-bin/token")) {
                request.response().end("{\"access_token\":\"IT-TOKEN\",\"expires_in\":7200}");
            } else {
                request.body().onSuccess(body -> {
                    wechatSent.add(Jsons.read(body.toString(), JsonNode.class));
                    request.response().end("{\"errcode\":0,\"errmsg\":\"ok\"}");
                });
            }
        }).listen(0, "127.0.0.1"));
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.ofEntries(
                Map.entry("CIVICLINE_HTTP_PORT", "0"), Map.entry("CIVICLINE_HTTP_HOST", "127.0.0.1"),
                Map.entry("CIVICLINE_STORE_TYPE", "memory"), Map.entry("CIVICLINE_TELEPHONY_PBX", "asterisk"),
                Map.entry("CIVICLINE_TELEPHONY_AMI_PORT", String.valueOf(amiPort)),
                Map.entry("CIVICLINE_TELEPHONY_AMI_SECRET", SECRET),
                Map.entry("CIVICLINE_WECHAT_APP_ID", "wx-it"), Map.entry("CIVICLINE_WECHAT_APP_SECRET", "it-secret"),
                Map.entry("CIVICLINE_WECHAT_API_BASE_URL", "http://127.0.0.1:" + wechat.actualPort()),
                Map.entry("CIVICLINE_CHANNELS_UPLOAD_DIR",
                        java.nio.file.Files.createTempDirectory("civicline-uploads").toString())));
        node = get(CivicLine.start(config, Clock.systemUTC()), 60);
        base = "http://127.0.0.1:" + node.httpPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            get(node.stop(), 30);
        }
        get(sideVertx.close(), 30);
    }

    @Test
    void theAgentControlsACallThenAnswersTwoChatsWhileTheSupervisorListensIn() throws Exception {
        WebDriver agent = BrowserFlowIT.browser();
        WebDriver supervisor = BrowserFlowIT.browser();
        try {
            signIn(agent, "8002");
            agent.findElement(By.id("ready")).click();
            waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("presence"), "data-presence", "AVAILABLE"));
            signIn(supervisor, "zhiban");
            assertThat(supervisor.findElement(By.id("my-extension")).getAttribute("value")).isEqualTo("9001");

            aCallIsHeldResumedListenedToAndHungUp(agent, supervisor);
            twoChatsOpenInTabsWithTheirHistoryAndTheReplyGoesOut(agent);
        } finally {
            agent.quit();
            supervisor.quit();
        }
    }

    private void aCallIsHeldResumedListenedToAndHungUp(WebDriver agent, WebDriver supervisor) throws Exception {
        ((JavascriptExecutor) agent).executeScript("document.addEventListener('civicline:accepted',"
                + " e => { window.acceptedForPhone = e.detail; });");
        SandboxCall call = get(pbx.call("13800138000", "12345", null));
        WebElement offer = waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("offer")));
        agent.findElement(By.tagName("body")).sendKeys(Keys.ENTER);
        waitFor(agent).until(ExpectedConditions.invisibilityOf(offer));
        waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("call-bar"), "data-state", "TALKING"));
        Map<?, ?> accepted = (Map<?, ?>) ((JavascriptExecutor) agent).executeScript("return window.acceptedForPhone;");
        assertThat(accepted).as("the desk tells phone.js before the PBX rings").isNotNull();
        assertThat(accepted.get("channel")).isEqualTo("HOTLINE_12345");
        String contactId = String.valueOf(accepted.get("contactId"));
        awaitEvent(e -> "BridgeEnter".equals(e.get("Event")) && e.get("Channel").startsWith("PJSIP/8002-"));
        waitFor(agent).until(ExpectedConditions.textToBe(By.cssSelector("#call-bar .call-number"), "13800138000"));
        BrowserFlowIT.shoot(agent, "desk-call-controls");

        // The supervisor listens in: their phone 9001 is originated into ChanSpy on the agent's channel.
        By listen = By.cssSelector("#agents [data-listen='8002']");
        waitFor(supervisor).until(ExpectedConditions.elementToBeClickable(listen)).click();
        waitFor(supervisor).until(ExpectedConditions.attributeToBe(By.id("listen-status"), "data-outcome",
                "listening"));
        AmiPacket spy = awaitEvent(e -> "ChanSpyStart".equals(e.get("Event")));
        assertThat(spy.get("SpyerChannel")).startsWith("PJSIP/9001-");
        assertThat(spy.get("SpyeeChannel")).startsWith("PJSIP/8002-");
        assertThat(get(pbx.liveChannels())).contains(spy.get("SpyerChannel"));
        BrowserFlowIT.shoot(supervisor, "wallboard-listen-in");

        // A reloaded desk finds the call again in its bar.
        agent.navigate().refresh();
        waitFor(agent).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("call-bar"), "data-state", "TALKING"));
        waitFor(agent).until(ExpectedConditions.textToBe(By.cssSelector("#call-bar .call-number"), "13800138000"));

        // Hold (F4): the PBX plays music on hold to the caller; resume (F4): the agent is bridged again.
        agent.findElement(By.tagName("body")).sendKeys(Keys.F4);
        waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("call-bar"), "data-state", "HELD"));
        awaitEvent(e -> "MusicOnHoldStart".equals(e.get("Event")) && call.channel().equals(e.get("Channel")));
        assertThat(agent.findElement(By.id("hang-up")).isEnabled()).isTrue();
        assertThat(agent.findElement(By.id("dial")).isEnabled()).as("no dialling out during a call").isFalse();
        BrowserFlowIT.shoot(agent, "desk-call-on-hold");
        int bridgedBefore = count(e -> "BridgeEnter".equals(e.get("Event"))
                && e.get("Channel").startsWith("PJSIP/8002-"));
        agent.findElement(By.tagName("body")).sendKeys(Keys.F4);
        waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("call-bar"), "data-state", "TALKING"));
        awaitEvent(e -> "MusicOnHoldStop".equals(e.get("Event")) && call.channel().equals(e.get("Channel")));
        waitUntil(() -> count(e -> "BridgeEnter".equals(e.get("Event"))
                && e.get("Channel").startsWith("PJSIP/8002-")) > bridgedBefore);

        // Hang up (F9): the PBX ends the caller's channel; the contact leaves the router, the bar shows it ended.
        agent.findElement(By.tagName("body")).sendKeys(Keys.F9);
        awaitEvent(e -> "Hangup".equals(e.get("Event")) && call.channel().equals(e.get("Channel")));
        waitFor(supervisor).until(ExpectedConditions.attributeToBe(By.id("listen-status"), "data-outcome", "ended"));
        waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("call-bar"), "data-state", "ENDED"));
        assertThat(agent.findElement(By.id("hold")).isEnabled()).isFalse();
        BrowserFlowIT.shoot(agent, "desk-call-ended");
        // F9 again closes the contact on the desk; then ready ends the wrap-up at once.
        agent.findElement(By.tagName("body")).sendKeys(Keys.F9);
        waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("call-bar"), "data-state", "NONE"));
        waitFor(agent).until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("#contacts [data-contact='" + contactId + "']")));
        agent.findElement(By.tagName("body")).sendKeys(Keys.F2);
        waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("presence"), "data-presence", "AVAILABLE"));

        // With the call over there is nothing to listen to: refused before any phone rings, and said so.
        Http.Answer refused = Http.signedIn(node.httpPort(), "zhiban").postJson("/api/supervisor/agents/8002/listen",
                "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).contains("no live call");
    }

    private void twoChatsOpenInTabsWithTheirHistoryAndTheReplyGoesOut(WebDriver agent) throws Exception {
        wechat("o_it_resident_a", "小区东门的井盖丢了", 9001);
        wechat("o_it_resident_a", "晚上很危险，请尽快处理", 9002);
        acceptOffer(agent);
        By firstTab = By.cssSelector("#chats [data-chat-tab]");
        // The tabs are redrawn on every message: read what they show inside the waits, which retry stale reads.
        String first = waitFor(agent).until(d -> d.findElement(firstTab).getAttribute("data-chat-tab"));
        By turns = By.cssSelector("#chats [data-chat='" + first + "'] .turn");
        List<String> history = waitFor(agent).until(d -> texts(d, turns, 2));
        assertThat(history.get(0)).contains("小区东门的井盖丢了");
        assertThat(history.get(1)).contains("晚上很危险");

        // Pushed over the desk's socket while the tab is open.
        wechat("o_it_resident_a", "就在 3 号楼旁边", 9003);
        assertThat(waitFor(agent).until(d -> texts(d, turns, 3)).get(2)).contains("3 号楼");

        agent.findElement(By.cssSelector("#chats .reply-text")).sendKeys("您好，已为您登记，将派人处理。",
                Keys.chord(Keys.CONTROL, Keys.ENTER));
        assertThat(waitFor(agent).until(d -> texts(d, turns, 4)).get(3)).contains("您好，已为您登记");
        waitFor(agent).until(d -> d.findElement(By.cssSelector("#chats .reply-text")).getAttribute("value").isEmpty());
        waitUntil(() -> !wechatSent.isEmpty());
        JsonNode sent = wechatSent.get(0);
        assertThat(sent.get("touser").asText()).isEqualTo("o_it_resident_a");
        assertThat(sent.get("text").get("content").asText()).isEqualTo("您好，已为您登记，将派人处理。");
        BrowserFlowIT.shoot(agent, "desk-chat-reply");

        // A second resident: a second tab beside the first.
        wechat("o_it_resident_b", "公园的路灯不亮", 9101);
        acceptOffer(agent);
        waitFor(agent).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#chats [data-chat-tab]"), 2));
        String second = waitFor(agent).until(d -> d.findElements(By.cssSelector("#chats [data-chat-tab]")).stream()
                .map(e -> e.getAttribute("data-chat-tab")).filter(id -> !id.equals(first)).findFirst().orElse(null));
        waitFor(agent).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#chats [data-chat='" + second + "']"), "公园的路灯不亮"));
        BrowserFlowIT.shoot(agent, "desk-two-chats");

        // Closing the second tab finishes that contact; the first stays held.
        waitFor(agent).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#chats .chat-close"))).click();
        waitFor(agent).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#chats [data-chat-tab]"), 1));
        Http desk = Http.signedIn(node.httpPort(), "8002");
        waitUntil(() -> {
            JsonNode held = desk.get("/api/desk/me").json().get("contactIds");
            return held.size() == 1 && held.get(0).asText().equals(first);
        });
    }

    /** The texts of exactly {@code count} elements, or null (keep waiting). */
    private static List<String> texts(WebDriver driver, By by, int count) {
        List<WebElement> found = driver.findElements(by);
        return found.size() == count ? found.stream().map(WebElement::getText).toList() : null;
    }

    private void acceptOffer(WebDriver agent) {
        WebElement offer = waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("offer")));
        assertThat(agent.findElement(By.id("offer-channel")).getText()).contains("微信");
        agent.findElement(By.id("accept")).click();
        waitFor(agent).until(ExpectedConditions.invisibilityOf(offer));
    }

    /** A resident's text message through the official account's signed callback. */
    private static void wechat(String openId, String text, long msgId) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = "n" + msgId;
        String[] parts = {WECHAT_TOKEN, timestamp, nonce};
        Arrays.sort(parts);
        String signature;
        try {
            signature = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String xml = "<xml><ToUserName><![CDATA[gh_civic]]></ToUserName><FromUserName><![CDATA[" + openId
                + "]]></FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + text + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
        Http.Answer answer = new Http(node.httpPort()).post("/wechat/callback?signature=" + signature + "&timestamp="
                + timestamp + "&nonce=" + nonce, "text/xml", xml);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static void signIn(WebDriver driver, String username) {
        driver.get(base + "/ui/login.html");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(Http.DEMO_PASSWORD);
        driver.findElement(By.id("submit")).click();
        waitFor(driver).until(ExpectedConditions.not(ExpectedConditions.urlContains("login")));
        waitFor(driver).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private static WebDriverWait waitFor(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static int count(Predicate<AmiPacket> match) {
        return (int) pbxEvents.stream().filter(match).count();
    }

    private static AmiPacket awaitEvent(Predicate<AmiPacket> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (AmiPacket e : pbxEvents) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the PBX emitted no such event within 20 s");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s");
            }
            Thread.sleep(50);
        }
    }

    private static <T> T get(io.vertx.core.Future<T> future) throws Exception {
        return get(future, 10);
    }

    private static <T> T get(io.vertx.core.Future<T> future, int seconds) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }
}
