package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.civicline.core.config.AppConfig;
import org.junit.jupiter.api.Test;

/**
 * JsSIP, fetched from npm by the agent-ui build, is in the runnable jar and served to the desk; with no SIP URL
 * configured the desk's phone script stays idle (the desk phone rings).
 */
class BrowserPhoneAssetsIT {
    static final Path CONFIG = Path.of(System.getProperty("civicline.config.dir", "../config"));
    static final String JSSIP = "agentui/vendor/jssip.min.js";

    @Test
    void theRunnableJarCarriesJsSipAndTheNodeServesItBesideThePhoneScript() throws Exception {
        assumeTrue(npmOnPath(), "npm is not installed, so the build left JsSIP out (./test.sh installs npm)");
        try (JarFile jar = new JarFile("target/civicline.jar")) {
            assertThat(jar.getEntry(JSSIP)).as(JSSIP + " in the jar").isNotNull();
            assertThat(jar.getEntry("agentui/phone.js")).isNotNull();
        }

        AppConfig config = AppConfig.load(CONFIG, Map.of("CIVICLINE_HTTP_PORT", "0", "CIVICLINE_HTTP_HOST",
                "127.0.0.1", "CIVICLINE_STORE_TYPE", "memory"));
        CivicLine node = CivicLine.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        try {
            Http http = new Http(node.httpPort());
            Http.Answer jssip = http.get("/ui/vendor/jssip.min.js");
            assertThat(jssip.status()).isEqualTo(200);
            assertThat(jssip.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).contains("javascript"));
            assertThat(jssip.body()).contains("JsSIP");
            assertThat(http.get("/ui/phone.js").body()).contains("civicline:accepted");
            assertThat(http.get("/ui/desk.html").body()).contains("<script type=\"module\" src=\"/ui/phone.js\">");

            Http agent = Http.signedIn(node.httpPort(), "8001");
            assertThat(agent.get("/api/ui/settings").json().get("sipWebSocketUrl").asText())
                    .as("the demo config has no SIP WebSocket: phone.js returns before loading JsSIP").isEmpty();
        } finally {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static boolean npmOnPath() {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "npm")));
    }
}
