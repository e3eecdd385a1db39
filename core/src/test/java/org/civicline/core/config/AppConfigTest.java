package org.civicline.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
    @TempDir
    Path dir;

    record Wechat(String token, String aesKey, String appId) { }

    record Http(String host, int port, boolean compress, List<String> origins) implements ConfigSection {
        @Override
        public List<String> problems() {
            return port > 0 && port < 65536 ? List.of() : List.of("port: expected 1 to 65535, got " + port);
        }
    }

    @Test
    void environmentVariableNamesAreThePrefixAndTheKeyPathInUpperSnakeCase() {
        assertThat(EnvironmentOverrides.variableFor("wechat.aesKey")).isEqualTo("CIVICLINE_WECHAT_AES_KEY");
        assertThat(EnvironmentOverrides.variableFor("http.port")).isEqualTo("CIVICLINE_HTTP_PORT");
        assertThat(EnvironmentOverrides.variableFor("store.redis.uri")).isEqualTo("CIVICLINE_STORE_REDIS_URI");
        assertThat(EnvironmentOverrides.variableFor("twilio.accountSid")).isEqualTo("CIVICLINE_TWILIO_ACCOUNT_SID");
        assertThat(EnvironmentOverrides.variableFor("open311.apiKeys")).isEqualTo("CIVICLINE_OPEN311_API_KEYS");
    }

    @Test
    void everyValueCanBeOverriddenFromTheEnvironmentWithItsOwnType() throws IOException {
        write("""
                http: {host: 0.0.0.0, port: 8080, compress: false, origins: [a]}
                wechat: {token: t, aesKey: k, appId: wx1}
                """);
        AppConfig config = AppConfig.load(dir, Map.of(
                "CIVICLINE_HTTP_PORT", "9090",
                "CIVICLINE_HTTP_COMPRESS", "true",
                "CIVICLINE_HTTP_ORIGINS", "https://a.gov.cn, https://b.gov.cn",
                "CIVICLINE_WECHAT_AES_KEY", "secret-from-env"));

        assertThat(config.section("http", Http.class))
                .isEqualTo(new Http("0.0.0.0", 9090, true, List.of("https://a.gov.cn", "https://b.gov.cn")));
        assertThat(config.section("wechat", Wechat.class).aesKey()).isEqualTo("secret-from-env");
        assertThat(config.section("wechat", Wechat.class).token()).isEqualTo("t");
    }

    @Test
    void aVariableThatIsNotANumberWhereANumberBelongsIsNamedInTheError() throws IOException {
        write("http: {port: 8080}\n");
        assertThatThrownBy(() -> AppConfig.load(dir, Map.of("CIVICLINE_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("CIVICLINE_HTTP_PORT")
                .hasMessageContaining("eighty");
    }

    @Test
    void badValuesInTheFileNameTheKeyAndWhatWasExpected() throws IOException {
        write("http: {port: many}\n");
        assertThatThrownBy(() -> AppConfig.load(dir, Map.of()).section("http", Http.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("whole number")
                .hasMessageContaining("many");

        write("http: {port: 70000}\n");
        assertThatThrownBy(() -> AppConfig.load(dir, Map.of()).section("http", Http.class))
                .hasMessageContaining("http.port: expected 1 to 65535, got 70000");

        write("http: {port: 80, prot: 81}\n");
        assertThatThrownBy(() -> AppConfig.load(dir, Map.of()).section("http", Http.class))
                .hasMessageContaining("http.prot: unknown key")
                .hasMessageContaining("port");
    }

    @Test
    void aMissingOrBrokenFileSaysWhereItLooked() throws IOException {
        assertThatThrownBy(() -> AppConfig.load(dir, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("application.yaml").hasMessageContaining("not found");
        write("http: [unclosed\n");
        assertThatThrownBy(() -> AppConfig.load(dir, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void theShippedConfigurationLoads() {
        Path shipped = Path.of(System.getProperty("civicline.config.dir", "../config"));
        AppConfig config = AppConfig.load(shipped, Map.of());
        assertThat(config.has("http.port")).isTrue();
        assertThat(config.has("store.type")).isTrue();
    }

    private void write(String yaml) throws IOException {
        Files.writeString(dir.resolve("application.yaml"), yaml);
    }
}
