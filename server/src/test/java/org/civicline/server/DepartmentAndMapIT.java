package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.core.config.AppConfig;
import org.civicline.core.time.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The department page and the supervisor's map in a real browser: a case an agent dispatched to 市住建局 and a
 * supervisor urged shows up on the handler's page with its reminder flag; the handler signs for it and gives
 * feedback there, and the case reaches FEEDBACK; the wallboard's map draws every grid cell from GeoJSON (no tiles),
 * a grid worker on duty, an open SOS alarm and the case's marker, whose popup names it; and, the clock moved on,
 * the overdue list urges and reassigns a case nobody signed for.
 */
class DepartmentAndMapIT {
    private static final String DEPARTMENT = "市住建局";

    static CivicLine node;
    static String base;
    /** Still unless moved: the test moves it on to make a case overdue. */
    static final ManualClock CLOCK = new ManualClock(Instant.now(), ZoneOffset.UTC);

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(Path.of("target/screenshots"));
        AppConfig config = AppConfig.load(CaseApiTest.CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0",
                "CIVICLINE_HTTP_HOST", "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory"));
        node = CivicLine.start(config, CLOCK).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + node.httpPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theHandlerSignsForAndAnswersADispatchedCaseAndTheSupervisorsMapShowsTheGridWorkersAlarmsAndTheCase()
            throws Exception {
        String number = dispatchedAndUrgedCase();
        String late = dispatched("0102", "幸福路 8 号路灯不亮", "城管局", 120.1102, 30.2703);
        WebDriver handler = BrowserFlowIT.browser();
        WebDriver supervisor = BrowserFlowIT.browser();
        try {
            signIn(handler, "zhujian");
            String row = "#cases tr[data-case='" + number + "']";
            waitFor(handler).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(row)));
            assertThat(handler.getCurrentUrl()).endsWith("/ui/department.html");
            assertThat(handler.findElement(By.cssSelector(row)).getText()).contains("催办 ×1");
            handler.findElement(By.cssSelector(row)).click();
            waitFor(handler).until(ExpectedConditions.visibilityOfElementLocated(By.id("accept"))).click();
            waitFor(handler).until(ExpectedConditions.attributeToBe(By.cssSelector(row), "data-state", "IN_PROGRESS"));
            BrowserFlowIT.shoot(handler, "department-accepted");

            waitFor(handler).until(ExpectedConditions.visibilityOfElementLocated(By.id("feedback-text")))
                    .sendKeys("已组织物业维修楼道灯并恢复照明");
            handler.findElement(By.id("public-reply")).sendKeys("您反映的楼道灯已修复，感谢监督。");
            handler.findElement(By.cssSelector("#feedback-form button[type=submit]")).click();
            waitFor(handler).until(ExpectedConditions.attributeToBe(By.cssSelector(row), "data-state", "FEEDBACK"));
            BrowserFlowIT.shoot(handler, "department-feedback");
            Http agent = Http.signedIn(node.httpPort(), "8001");
            assertThat(agent.get("/api/cases/" + number).json().get("state").asText()).isEqualTo("FEEDBACK");
            JsonNode feedback = agent.get("/api/cases/" + number + "/feedback").json();
            assertThat(feedback.get(0).get("publicReply").asText()).isEqualTo("您反映的楼道灯已修复，感谢监督。");

            Http chief = Http.signedIn(node.httpPort(), "zhiban");
            assertThat(chief.postJson("/api/supervisor/cases/" + number + "/urge", "{}").status())
                    .as("a case waiting for verification has no department to urge").isEqualTo(422);
            int cells = chief.get("/api/grid/geojson").json().get("features").size();
            assertThat(cells).isEqualTo(240);
            workerOnDutyAndAnSos();
            CLOCK.advance(Duration.ofDays(40));
            signIn(supervisor, "zhiban");
            waitFor(supervisor).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            waitFor(supervisor).until(d -> d.findElements(By.cssSelector("#map path.grid-cell")).size() == cells);
            waitFor(supervisor).until(d -> !d.findElements(By.cssSelector("#map path.worker-marker")).isEmpty());
            waitFor(supervisor).until(d -> !d.findElements(By.cssSelector("#map path.alarm-marker")).isEmpty());
            By marker = By.cssSelector("#map path.case-" + number);
            waitFor(supervisor).until(ExpectedConditions.presenceOfElementLocated(marker));
            // The map is below the fold of the 1440 × 900 window; bring it into view before clicking on it.
            ((JavascriptExecutor) supervisor).executeScript(
                    "arguments[0].scrollIntoView({block: 'center'})", supervisor.findElement(By.id("map")));
            BrowserFlowIT.shoot(supervisor, "wallboard-map");
            supervisor.findElement(marker).click();
            waitFor(supervisor).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#map .leaflet-popup-content"), number));
            assertThat(supervisor.findElement(By.cssSelector("#map .leaflet-popup-content")).getText())
                    .contains(DEPARTMENT);
            BrowserFlowIT.shoot(supervisor, "wallboard-map-case");

            // The street-lamp case nobody signed for is 40 days overdue: urge it, then reassign it.
            String overdueRow = "#overdue tr[data-case='" + late + "']";
            waitFor(supervisor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(overdueRow)));
            supervisor.findElement(By.cssSelector(overdueRow + " button[data-action=urge]")).click();
            waitFor(supervisor).until(ExpectedConditions.textToBePresentInElementLocated(By.id("overdue-status"),
                    "已催办"));
            new Select(supervisor.findElement(By.cssSelector(overdueRow + " select"))).selectByValue(DEPARTMENT);
            BrowserFlowIT.shoot(supervisor, "wallboard-overdue");
            supervisor.findElement(By.cssSelector(overdueRow + " button[data-action=reassign]")).click();
            waitFor(supervisor).until(ExpectedConditions.textToBePresentInElementLocated(By.id("overdue-status"),
                    "已改派"));
            JsonNode reassigned = agent.get("/api/cases/" + late).json();
            assertThat(reassigned.get("assignee").asText()).isEqualTo(DEPARTMENT);
            assertThat(reassigned.get("log").findValuesAsText("actor")).contains("zhiban");
            assertThat(reassigned.get("log").findValuesAsText("reason")).contains("REMINDER");
        } finally {
            handler.quit();
            supervisor.quit();
        }
    }

    /** A 物业管理 case placed inside grid 330106001001001, dispatched to 市住建局 and urged once by the supervisor. */
    private static String dispatchedAndUrgedCase() {
        String number = dispatched("0105", "小区 3 号楼楼道灯坏了一个月物业不修", DEPARTMENT, 120.1015, 30.2512);
        Http.Answer urged = Http.signedIn(node.httpPort(), "zhiban").postJson(
                "/api/supervisor/cases/" + number + "/urge", "{\"text\": \"市民多次来电\"}");
        assertThat(urged.status()).as(urged.body()).isEqualTo(200);
        return number;
    }

    /** Created and dispatched by an agent over the API. */
    private static String dispatched(String category, String description, String department, double longitude,
                                     double latitude) {
        Http agent = Http.signedIn(node.httpPort(), "8001");
        Http.Answer created = agent.postJson("/api/cases", """
                {"channel": "HOTLINE_12345", "categoryCode": "%s", "priority": "NORMAL",
                 "citizenPhone": "13900139000", "citizenName": "李先生", "description": "%s",
                 "address": "翠竹苑 3 号楼", "location": {"longitude": %s, "latitude": %s}}"""
                .formatted(category, description, longitude, latitude));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().get("number").asText();
        Http.Answer sent = agent.postJson("/api/cases/" + number + "/dispatch",
                "{\"department\": \"" + department + "\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        return number;
    }

    /** Grid worker gw-0003 goes on duty and reports where they are; the demo gateway sends an SOS of ot-0002. */
    private static void workerOnDutyAndAnSos() throws Exception {
        Http worker = Http.signedIn(node.httpPort(), "wangge01");
        assertThat(worker.put("/api/grid/workers/gw-0003/presence", "{\"onDuty\": true}").status()).isEqualTo(200);
        Http.Answer located = worker.put("/api/grid/workers/gw-0003/location",
                "{\"longitude\": 120.1021, \"latitude\": 30.2575}");
        assertThat(located.status()).as(located.body()).isEqualTo(200);
        HttpResponse<String> alarm = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/api/devices/alarms"))
                .header("Content-Type", "application/json")
                .header("X-Gateway-Id", "demo-gateway").header("X-Gateway-Key", "demo-gateway-key-change-me")
                .POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\": \"ot-0002\", \"type\": \"SOS\"}"))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(alarm.statusCode()).as(alarm.body()).isBetween(200, 202);
    }

    private static void signIn(WebDriver driver, String username) {
        driver.get(base + "/ui/login.html");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(Http.DEMO_PASSWORD);
        driver.findElement(By.id("submit")).click();
        waitFor(driver).until(ExpectedConditions.not(ExpectedConditions.urlContains("login")));
    }

    /** The pages redraw their rows after each step, so an element found a moment ago may be gone: look again. */
    private static WebDriverWait waitFor(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
