package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.core.config.AppConfig;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.telephony.sandbox.SandboxPbx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The resident panel and the case form's helpers in headless Chromium: a resident who called and texted before
 * (with a case still open) calls again; the offer and, after accepting, the panel show the earlier contacts and the
 * repeat-caller flag; the category picker finds 路灯 from "ld" by keyboard; the knowledge base finds answers; the
 * earlier case at the same place is offered as similar and the new case is merged into it. A one-touch device's
 * call shows the elderly resident's profile and open alarm. Screenshots go to {@code target/screenshots/}.
 */
class DeskResidentCaseFormIT {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String SECRET = "resident-test-secret";
    private static final String RESIDENT = "13900002222";
    private static final String PLACE = "文三路8号";

    static Vertx pbxVertx;
    static SandboxPbx pbx;
    static CivicLine node;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        pbxVertx = Vertx.vertx();
        pbx = new SandboxPbx(pbxVertx, new SandboxPbx.Settings("127.0.0.1", 0, "civicline", SECRET), Clock.systemUTC());
        int amiPort = pbx.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of(
                "CIVICLINE_HTTP_PORT", "0", "CIVICLINE_HTTP_HOST", "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory",
                "CIVICLINE_TELEPHONY_PBX", "asterisk", "CIVICLINE_TELEPHONY_AMI_PORT", String.valueOf(amiPort),
                "CIVICLINE_TELEPHONY_AMI_SECRET", SECRET,
                "CIVICLINE_CHANNELS_UPLOAD_DIR", Files.createTempDirectory("civicline-uploads").toString()));
        node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + node.httpPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        pbxVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aRepeatCallerIsRecognisedAndTheFormHelpsFindTheCategoryTheAnswerAndTheDuplicate() throws Exception {
        String earlierCase = aResidentWhoCalledAndTextedBefore();
        WebDriver agent = BrowserFlowIT.browser();
        try {
            signIn(agent, "8001");
            agent.findElement(By.id("ready")).click();
            waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("presence"), "data-presence", "AVAILABLE"));

            pbx.call(RESIDENT, "12345", null).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            WebElement offer = waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("offer")));
            // Already on the popup: this is the third contact within 30 days.
            waitFor(agent).until(ExpectedConditions.textToBePresentInElementLocated(By.id("offer-resident"), "重复来电"));
            assertThat(agent.findElement(By.id("offer-resident")).getText()).contains("此前联系 2 次");
            BrowserFlowIT.shoot(agent, "resident-offer");

            agent.findElement(By.tagName("body")).sendKeys(Keys.ENTER);
            waitFor(agent).until(ExpectedConditions.invisibilityOf(offer));
            waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("resident-panel"), "data-loaded", "true"));
            assertThat(agent.findElement(By.id("resident-repeat")).getText()).contains("重复来电")
                    .contains("30 天内第 3 次联系");
            List<WebElement> contacts = agent.findElements(By.cssSelector("#resident-contacts tr[data-contact]"));
            assertThat(contacts).hasSize(2);
            // Newest first: yesterday's text message, then the call of ten days ago with its case.
            assertThat(contacts.get(0).getText()).contains("短信").contains("路灯还是不亮");
            assertThat(contacts.get(1).getText()).contains("12345").contains(earlierCase);
            WebElement caseRow = agent.findElement(By.cssSelector("#resident-cases tr[data-case='" + earlierCase
                    + "']"));
            assertThat(caseRow.getText()).contains("路灯照明").contains("接件");
            BrowserFlowIT.shoot(agent, "resident-panel");

            // A click opens the case over the desk; Esc closes it.
            caseRow.findElement(By.cssSelector("a.case-link")).click();
            waitFor(agent).until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-view-body"),
                    "文三路8号门前路灯不亮"));
            BrowserFlowIT.shoot(agent, "resident-case-view");
            agent.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
            waitFor(agent).until(ExpectedConditions.invisibilityOfElementLocated(By.id("case-view")));

            theCategoryPickerFindsCategoriesByPinyinInitials(agent);
            theKnowledgeBaseFindsAnswers(agent);
            theEarlierCaseAtTheSamePlaceIsSimilarAndTheNewOneIsMergedIntoIt(agent, earlierCase);
        } finally {
            agent.quit();
        }
    }

    private void theCategoryPickerFindsCategoriesByPinyinInitials(WebDriver agent) {
        WebElement category = agent.findElement(By.id("category"));
        waitFor(agent).until(ExpectedConditions.attributeToBeNotEmpty(agent.findElement(By.id("case-panel")),
                "data-categories"));
        category.sendKeys("lj");
        By options = By.cssSelector("#category-list li[role=option]");
        waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(options));
        assertThat(agent.findElements(options)).extracting(WebElement::getText)
                .anySatisfy(text -> assertThat(text).contains("垃圾清运"));
        // The arrow keys move the choice.
        category.sendKeys(Keys.ARROW_DOWN);
        assertThat(agent.findElements(By.cssSelector("#category-list li[aria-selected=true]"))).hasSize(1);
        assertThat(agent.findElements(options).get(1).getAttribute("aria-selected")).isEqualTo("true");

        category.clear();
        category.sendKeys("ld");
        waitFor(agent).until(d -> d.findElements(options).size() > 0
                && "0102".equals(d.findElements(options).get(0).getAttribute("data-code")));
        assertThat(agent.findElements(options).get(0).getText()).contains("路灯照明");
        BrowserFlowIT.shoot(agent, "caseform-category-picker");
        category.sendKeys(Keys.ENTER);
        assertThat(category.getAttribute("value")).isEqualTo("0102 路灯照明");
        assertThat(agent.findElement(By.id("category-list")).isDisplayed()).isFalse();
    }

    private void theKnowledgeBaseFindsAnswers(WebDriver agent) {
        // The category just chosen brings its answers before anything is typed.
        waitFor(agent).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#kb-results li[data-article='kb-ludeng-baoxiu']")));
        agent.findElement(By.id("kb-q")).sendKeys("社保卡丢了怎么补办");
        WebElement card = waitFor(agent).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#kb-results li[data-article='kb-shebaoka-buban']")));
        assertThat(card.getText()).contains("社保卡丢失补办").contains("挂失");

        WebElement query = agent.findElement(By.id("kb-q"));
        query.clear();
        query.sendKeys("路灯不亮");
        WebElement lamps = waitFor(agent).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#kb-results li[data-article='kb-ludeng-baoxiu'] button.to-answer")));
        // Kept for the answer of "resolve on contact" until the case is registered.
        lamps.click();
        waitFor(agent).until(ExpectedConditions.textToBePresentInElement(lamps, "已填入"));
    }

    private void theEarlierCaseAtTheSamePlaceIsSimilarAndTheNewOneIsMergedIntoIt(WebDriver agent,
                                                                                  String earlierCase) {
        agent.findElement(By.id("description")).sendKeys("门前路灯又不亮了");
        // The address from the gazetteer: "文三" offers the road 文三路 with its grid; Enter takes it, the number follows.
        WebElement address = agent.findElement(By.id("address"));
        address.sendKeys("文三");
        waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#address-list li[data-grid='330106001001003'][aria-selected=true]")));
        address.sendKeys(Keys.ENTER);
        assertThat(address.getAttribute("value")).isEqualTo("文三路");
        address.sendKeys("8号");
        waitFor(agent).until(ExpectedConditions.textToBePresentInElementLocated(By.id("place-found"),
                "330106001001003"));
        By similar = By.cssSelector("#similar li[data-case='" + earlierCase + "']");
        // First found by its text, then, once the address is placed, as the same kind of problem in the same grid.
        waitFor(agent).until(ExpectedConditions.textToBePresentInElementLocated(similar, "附近同类"));
        assertThat(agent.findElement(similar).getText()).contains("路灯照明");
        BrowserFlowIT.shoot(agent, "caseform-helpers");

        agent.findElement(By.cssSelector("#case-form button[type=submit]")).click();
        String number = waitFor(agent).until(d -> d.findElement(By.id("case-result")).getAttribute("data-number"));
        waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("resolve-answer"), "value",
                agent.findElement(By.cssSelector("#kb-results li[data-article='kb-ludeng-baoxiu'] .body"))
                        .getDomProperty("textContent")));
        JsonNode registered = Http.signedIn(node.httpPort(), "8001").get("/api/cases/" + number).json();
        // Registered where the gazetteer placed the address.
        assertThat(registered.get("gridCode").asText()).isEqualTo("330106001001003");

        WebElement merge = waitFor(agent).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#similar li[data-case='" + earlierCase + "'] button.merge")));
        merge.click();
        waitFor(agent).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#similar [data-merged]")));
        BrowserFlowIT.shoot(agent, "caseform-merged");
        JsonNode merged = Http.signedIn(node.httpPort(), "8001").get("/api/cases/" + number).json();
        assertThat(merged.get("state").asText()).isEqualTo("MERGED");
        assertThat(merged.get("log").get(merged.get("log").size() - 1).get("reason").asText())
                .contains(earlierCase);
        // And the panel's history has the new case, merged.
        waitFor(agent).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#resident-cases tr[data-case='" + number + "']"), "合并"));
    }

    @Test
    void aOneTouchDevicesCallShowsTheElderlyResidentsProfileAndOpenAlarm() throws Exception {
        WebDriver agent = BrowserFlowIT.browser();
        try {
            // 8003 takes the elderly line; 8001 may still be holding the other test's call.
            signIn(agent, "8003");
            agent.findElement(By.id("ready")).click();
            waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("presence"), "data-presence", "AVAILABLE"));

            // ot-0001's SIM (刘淑珍, born 1937, config/grids/devices.csv) calls the 12349 line: a one-touch alarm.
            pbx.call("13705710001", "12349", null).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            WebElement offer = waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("offer")));
            assertThat(agent.findElement(By.id("offer-channel")).getText()).contains("一键通");
            agent.findElement(By.tagName("body")).sendKeys(Keys.ENTER);
            waitFor(agent).until(ExpectedConditions.invisibilityOf(offer));

            WebElement profile = waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#elderly dl")));
            int age = java.time.Year.now().getValue() - 1937;
            assertThat(profile.getText()).contains("刘淑珍").contains("年龄 " + age + "岁").contains("糖尿病")
                    .contains("杨洋（侄子）13805710002").contains("ot-0001");
            waitFor(agent).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#elderly .alarm")));
            BrowserFlowIT.shoot(agent, "resident-elderly");
        } finally {
            agent.quit();
        }
    }

    /** Ten days ago a call with a case still open, yesterday a text message; both from {@link #RESIDENT}. */
    private static String aResidentWhoCalledAndTextedBefore() throws Exception {
        Instant now = Instant.now();
        Contact call = node.stores().contacts().add(new Contact(null, Channel.HOTLINE_12345, null, RESIDENT,
                        now.minus(Duration.ofDays(10)), "来电：文三路8号路灯不亮", null, null, Priority.NORMAL,
                        "ami:history-1", null, null))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).contact();
        node.stores().contacts().add(new Contact(null, Channel.SMS, null, RESIDENT, now.minus(Duration.ofDays(1)),
                        "文三路8号的路灯还是不亮", null, null, Priority.NORMAL, "sms:history-2", null, null))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        Http desk = Http.signedIn(node.httpPort(), "8002");
        JsonNode grid = desk.get("/api/grid/resolve?address=" + URLEncoder.encode(PLACE, StandardCharsets.UTF_8))
                .json().get("grid");
        Http.Answer created = desk.postJson("/api/cases", Jsons.write(Map.of("channel", "HOTLINE_12345",
                "categoryCode", "0102", "priority", "NORMAL", "citizenPhone", RESIDENT, "contactId", call.id(),
                "description", "文三路8号门前路灯不亮", "address", PLACE, "gridCode", grid.get("code").asText(),
                "location", Map.of("longitude", grid.get("center").get("longitude").asDouble(),
                        "latitude", grid.get("center").get("latitude").asDouble()))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("number").asText();
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
}
