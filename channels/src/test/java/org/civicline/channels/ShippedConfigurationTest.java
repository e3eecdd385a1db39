package org.civicline.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.civicline.core.config.AppConfig;
import org.civicline.core.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The channels start from config/application.yaml as shipped, and a wrong value is named by its full key. */
class ShippedConfigurationTest {

    @Test
    void everyChannelStartsFromTheShippedConfigurationWithTheEmbeddedDefaults() throws Exception {
        AppConfig shipped = AppConfig.load(Harness.CONFIG, Map.of("CIVICLINE_CHANNELS_UPLOAD_DIR",
                System.getProperty("java.io.tmpdir") + "/civicline-uploads-test"));
        try (Harness node = new Harness(shipped)) {
            assertThat(node.get("/mailbox").statusCode()).isEqualTo(200);
            assertThat(node.get("/open311/v2/discovery.json").statusCode()).isEqualTo(200);
            assertThat(node.get("/open311/v2/services.xml").statusCode()).isEqualTo(200);
            assertThat(node.get("/wechat/callback?echostr=x").statusCode()).isEqualTo(403);
            assertThat(node.postForm("/twilio/sms", Map.of("From", "+8613900000000", "MessageSid", "SM1",
                    "Body", "x"), Map.of("X-Twilio-Signature", "abc")).statusCode()).isEqualTo(403);
            assertThat(node.get("/channels/outbox").body()).isEqualTo("[]");
            java.net.http.HttpResponse<String> proxied = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url("/channels/outbox")))
                            .header("X-Forwarded-For", "203.0.113.7").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(proxied.statusCode()).as("through a proxy: survey links must not leak").isEqualTo(403);
            assertThat(proxied.body()).contains("loopback only");
        }
    }

    @Test
    void aWrongValueIsNamedByItsFullKey() {
        AppConfig wrong = AppConfig.load(Harness.CONFIG, Map.of("CIVICLINE_WECHAT_AES_KEY", "too-short",
                "CIVICLINE_WECHAT_APP_ID", "wx1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.section("wechat",
                        org.civicline.channels.wechat.WechatConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("wechat.aesKey: expected the 43-character EncodingAESKey");
    }
}
