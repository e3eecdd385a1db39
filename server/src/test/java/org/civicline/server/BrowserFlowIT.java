package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.core.config.AppConfig;
import org.civicline.telephony.sandbox.SandboxPbx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The floor in a real browser (Debian's headless Chromium): an agent signs in and goes ready, a call placed in the
 * sandbox PBX pops an offer on the desk, the agent accepts and registers a case, and the supervisor's wallboard
 * shows the answered call; the agent sends the case to the grid and the grid worker's phone page (a second browser)
 * gets the task live, accepts, arrives, uploads a photo and finishes, and the case goes to feedback. Screenshots of
 * each page go to {@code target/screenshots/}.
 */
class BrowserFlowIT {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String SECRET = "browser-test-secret";

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
                // The worker's photo goes to a temporary folder, not into the source tree.
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
    void aCallPlacedInThePbxPopsAnOfferTheAgentAcceptsAndRegistersACaseAndTheWallboardCountsIt() throws Exception {
        // …and then sends it to the grid, where the worker's phone page takes it to feedback.
        WebDriver agent = browser();
        WebDriver supervisor = browser();
        ChromeDriver worker = null;
        try {
            signIn(agent, "8001");
            waitFor(agent).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            agent.findElement(By.id("ready")).click();
            waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("presence"), "data-presence", "AVAILABLE"));
            shoot(agent, "desk-ready");

            signIn(supervisor, "zhiban");
            waitFor(supervisor).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            assertThat(supervisor.findElement(By.id("answered")).getText()).isEqualTo("0");

            java.util.concurrent.CompletableFuture<Object> callEnded = new java.util.concurrent.CompletableFuture<>();
            node.vertx().eventBus().consumer(org.civicline.core.telephony.TelephonyAddresses.CALL_ENDED,
                    m -> callEnded.complete(m.body()));
            pbx.call("13800138000", "12345", null).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            WebElement offer = waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("offer")));
            assertThat(agent.findElement(By.id("offer-sender")).getText()).isEqualTo("13800138000");
            shoot(agent, "desk-offer");

            agent.findElement(By.tagName("body")).sendKeys(Keys.ENTER);
            waitFor(agent).until(ExpectedConditions.invisibilityOf(offer));
            waitFor(agent).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#contacts [data-contact]")));
            waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("presence"), "data-presence", "BUSY"));

            agent.findElement(By.id("category")).sendKeys("0102 路灯照明");
            agent.findElement(By.id("description")).sendKeys("幸福路 12 号门前路灯不亮三天了");
            // 文三路 1–20 号 lies in grid 330106001001003, gw-0003's (the demo user wangge01).
            agent.findElement(By.id("address")).sendKeys("文三路8号");
            agent.findElement(By.cssSelector("#case-form button[type=submit]")).click();
            String number = waitFor(agent).until(d -> d.findElement(By.id("case-result")).getAttribute("data-number"));
            assertThat(number).matches("\\d{8}-\\d{4,}");
            shoot(agent, "desk-case");

            waitFor(supervisor).until(ExpectedConditions.textToBe(By.id("answered"), "1"));
            waitFor(supervisor).until(d -> d.findElement(By.cssSelector("#agents [data-agent='8001']")).getText()
                    .contains("忙碌"));
            shoot(supervisor, "wallboard");

            // The resident hangs up; the case shows the call it came from.
            pbx.hangUp(pbx.liveChannels().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).stream()
                    .filter(c -> !c.startsWith("PJSIP/8001")).findFirst().orElseThrow())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            callEnded.get(20, TimeUnit.SECONDS);
            var view = Http.signedIn(node.httpPort(), "8001").get("/api/cases/" + number).json();
            assertThat(view.get("call").get("agentId").asText()).isEqualTo("8001");
            assertThat(view.get("call").get("callerNumber").asText()).isEqualTo("13800138000");

            worker = phone();
            theGridWorkerTakesTheCaseFromDispatchToFeedback(agent, worker, number);
        } finally {
            agent.quit();
            supervisor.quit();
            if (worker != null) {
                worker.quit();
            }
        }
    }

    /** The agent dispatches the registered case to the grid; wangge01's phone page takes it to the end. */
    private void theGridWorkerTakesTheCaseFromDispatchToFeedback(WebDriver agent, ChromeDriver worker, String number)
            throws Exception {
        Http desk = Http.signedIn(node.httpPort(), "8001");
        var grid = desk.get("/api/grid/resolve?address=" + java.net.URLEncoder.encode("文三路8号",
                java.nio.charset.StandardCharsets.UTF_8)).json().get("grid");
        assertThat(grid.get("workerIds").toString()).contains("gw-0003");
        double lon = grid.get("center").get("longitude").asDouble();
        double lat = grid.get("center").get("latitude").asDouble();
        // The phone stands 50 m from the place: its browser's position, overridden through DevTools.
        worker.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base,
                "permissions", java.util.List.of("geolocation")));
        worker.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", lat + 0.00045,
                "longitude", lon, "accuracy", 10));

        signIn(worker, "wangge01");
        waitFor(worker).until(ExpectedConditions.urlContains("/ui/worker.html"));
        waitFor(worker).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        worker.findElement(By.id("on-duty")).click();
        waitFor(worker).until(d -> desk.get("/api/grid/workers/gw-0003").json().get("worker").get("onDuty")
                .asBoolean());
        shoot(worker, "worker-on-duty");

        waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("case-actions")));
        assertThat(agent.findElement(By.id("grid-found")).getText()).contains("330106001001003");
        // Resolving on contact needs the answer given: the refusal appears under that field and the case stays open.
        agent.findElement(By.id("resolve")).click();
        waitFor(agent).until(d -> !d.findElement(By.cssSelector("#case-actions [data-error='answer']")).getText()
                .isBlank());
        agent.findElement(By.id("dispatch-grid")).click();
        waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("action-result"), "data-outcome", "dispatch"));
        shoot(agent, "desk-dispatched-to-grid");

        // Pushed over the worker's WebSocket; the page does not poll.
        By task = By.cssSelector("#tasks [data-task]");
        waitFor(worker).until(ExpectedConditions.attributeToBe(task, "data-stage", "OFFERED"));
        assertThat(worker.findElement(task).getText()).contains(number).contains("文三路8号");
        shoot(worker, "worker-offer");

        worker.findElement(By.cssSelector("#tasks .accept")).click();
        waitForServer(worker, task, "ACCEPTED");
        assertThat(worker.findElement(By.cssSelector("#tasks a.nav")).getAttribute("href")).startsWith("geo:");
        worker.findElement(By.cssSelector("#tasks .arrive")).click();
        waitForServer(worker, task, "ARRIVED");

        Path photo = Files.createTempFile("civicline-site", ".png");
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.getGraphics().fillRect(8, 8, 32, 24);
        javax.imageio.ImageIO.write(image, "png", photo.toFile());
        worker.findElement(By.cssSelector("#tasks input.photo")).sendKeys(photo.toAbsolutePath().toString());
        waitFor(worker).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tasks .photos img")));
        // The upload's answer redraws the card; type the note into the card drawn after it.
        waitFor(worker).until(ExpectedConditions.attributeToBe(By.id("queue"), "data-pending", "0"));
        worker.findElement(By.cssSelector("#tasks .note")).sendKeys("已更换灯泡，路灯恢复照明");
        shoot(worker, "worker-on-site");
        worker.findElement(By.cssSelector("#tasks .finish")).click();
        waitFor(worker).until(ExpectedConditions.invisibilityOfElementLocated(task));
        waitFor(worker).until(ExpectedConditions.attributeToBe(By.id("queue"), "data-pending", "0"));
        shoot(worker, "worker-finished");

        var finished = waitFor(worker).until(d -> {
            var c = desk.get("/api/cases/" + number).json();
            return "FEEDBACK".equals(c.get("state").asText()) ? c : null;
        });
        String note = finished.get("log").get(finished.get("log").size() - 1).get("note").asText();
        assertThat(note).contains("已更换灯泡").contains("/api/grid/photos/");
        String photoPath = note.substring(note.indexOf("/api/grid/photos/")).split("[\\],\\s]")[0];
        assertThat(desk.get(photoPath).status()).isEqualTo(200);
    }

    /** The card shows {@code stage} and nothing waits in the phone's outbox: the server has taken the step. */
    private static void waitForServer(WebDriver worker, By task, String stage) {
        waitFor(worker).until(ExpectedConditions.and(ExpectedConditions.attributeToBe(task, "data-stage", stage),
                ExpectedConditions.attributeToBe(By.id("queue"), "data-pending", "0")));
    }

    private static void signIn(WebDriver driver, String username) {
        driver.get(base + "/ui/login.html");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(Http.DEMO_PASSWORD);
        shoot(driver, "login-" + username);
        driver.findElement(By.id("submit")).click();
        waitFor(driver).until(ExpectedConditions.not(ExpectedConditions.urlContains("login")));
    }

    private static WebDriverWait waitFor(WebDriver driver) {
        // The worker's page redraws its task cards on every notice: an element found may be replaced a moment later.
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    static WebDriver browser() throws IOException {
        return chrome("1440,900");
    }

    /** A phone-sized window for the grid worker's page. */
    static ChromeDriver phone() throws IOException {
        return chrome("412,915");
    }

    private static ChromeDriver chrome(String windowSize) throws IOException {
        File chromium = new File("/usr/bin/chromium");
        File chromedriver = new File("/usr/bin/chromedriver");
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: run ./test.sh "
                    + "(it installs them) or apt-get install -y chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + windowSize, "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("civicline-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static void shoot(WebDriver driver, String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("could not save screenshot " + name, e);
        }
    }
}
