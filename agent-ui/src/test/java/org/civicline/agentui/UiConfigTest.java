package org.civicline.agentui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.civicline.core.config.AppConfig;
import org.junit.jupiter.api.Test;

class UiConfigTest {
    private static final Path CONFIG = Path.of("..", "config");

    @Test
    void theShippedSectionHoldsTheDefaultsAndTheEnvironmentOverridesThem() {
        UiConfig shipped = AppConfig.load(CONFIG, Map.of()).section("ui", UiConfig.class);
        assertThat(shipped).isEqualTo(new UiConfig(false, 0, 0, 0, 0, null, null));

        UiConfig behindTls = AppConfig.load(CONFIG, Map.of("CIVICLINE_UI_SECURE_COOKIES", "true",
                "CIVICLINE_UI_TOKEN_HOURS", "24", "CIVICLINE_UI_SIP_WEB_SOCKET_URL", "wss://pbx.example:8089/ws"))
                .section("ui", UiConfig.class);
        assertThat(behindTls.secureCookies()).isTrue();
        assertThat(behindTls.tokenHours()).isEqualTo(24);
        assertThat(behindTls.sipWebSocketUrl()).isEqualTo("wss://pbx.example:8089/ws");
    }
}
