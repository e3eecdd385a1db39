package org.civicline.routing.followup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.civicline.core.json.Jsons;

/**
 * Headless Chromium driven through Debian's chromedriver over the W3C WebDriver protocol (plain JSON over HTTP),
 * so the browser test needs no driver download and no extra library.
 */
final class WebDriverSession implements AutoCloseable {
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final long START_DEADLINE_MILLIS = 15_000;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process driver;
    private final String base;
    private final String session;

    WebDriverSession(Path workDir) throws IOException {
        String chromium = onPath("chromium");
        String chromedriver = onPath("chromedriver");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        driver = new ProcessBuilder(chromedriver, "--port=" + port)
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromedriver.log").toFile()).start();
        awaitReady(workDir);
        JsonNode created = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome",
                "goog:chromeOptions", Map.of("binary", chromium, "args", List.of("--headless=new", "--no-sandbox",
                        "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + workDir.resolve("profile")))))));
        session = created.path("sessionId").asText();
        // Finding an element waits up to this long for it, e.g. while a submitted form's answer loads.
        call("POST", "/session/" + session + "/timeouts", Map.of("implicit", 10_000, "pageLoad", 30_000));
    }

    void open(String url) {
        call("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    String find(String css) {
        JsonNode found = call("POST", "/session/" + session + "/element", Map.of("using", "css selector",
                "value", css));
        String id = found.path(ELEMENT).asText();
        if (id.isEmpty()) {
            throw new IllegalStateException("no element " + css + " on " + title() + ": " + found);
        }
        return id;
    }

    void click(String css) {
        call("POST", "/session/" + session + "/element/" + find(css) + "/click", Map.of());
    }

    void type(String css, String text) {
        call("POST", "/session/" + session + "/element/" + find(css) + "/value", Map.of("text", text));
    }

    String text(String css) {
        return call("GET", "/session/" + session + "/element/" + find(css) + "/text", null).asText();
    }

    String title() {
        return call("GET", "/session/" + session + "/title", null).asText();
    }

    private JsonNode call(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Jsons.write(body)));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = Jsons.mapper().readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " " + path + " answered "
                        + response.statusCode() + ": " + answer.path("value").path("message").asText());
            }
            return answer.path("value");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls /status until the driver is ready; waiting on the process doubles as the pause between polls. */
    private void awaitReady(Path workDir) throws IOException {
        long deadline = System.currentTimeMillis() + START_DEADLINE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> status = client.send(HttpRequest.newBuilder(URI.create(base + "/status"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200 && Jsons.mapper().readTree(status.body()).path("value")
                        .path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                if (driver.waitFor(50, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("chromedriver exited: "
                            + Files.readString(workDir.resolve("chromedriver.log")));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        driver.destroyForcibly();
        throw new IllegalStateException("chromedriver did not become ready in " + START_DEADLINE_MILLIS + " ms");
    }

    private static String onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new IllegalStateException("The survey browser test needs " + name + " on PATH: run ./test.sh, or "
                + "apt-get install -y chromium chromium-driver");
    }

    @Override
    public void close() {
        try {
            call("DELETE", "/session/" + session, null);
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(5, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
