package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.agentui.UiConfig;
import org.civicline.channels.ChannelsConfig;
import org.civicline.channels.mailbox.MailboxConfig;
import org.civicline.channels.open311.Open311Config;
import org.civicline.channels.sms.TwilioConfig;
import org.civicline.channels.wechat.WechatConfig;
import org.civicline.core.cases.CasesConfig;
import org.civicline.core.config.AppConfig;
import org.civicline.core.config.EnvironmentOverrides;
import org.civicline.routing.alarm.AlarmConfig;
import org.civicline.routing.config.RoutingConfig;
import org.civicline.routing.grid.GridConfig;
import org.civicline.telephony.TelephonyConfig;
import org.junit.jupiter.api.Test;

/**
 * The three-node sample in {@code config/cluster/} loads through the configuration's own validation as each node
 * would start with it, names only keys that exist, and agrees with itself and with the sample nginx.conf: so the
 * sample cannot rot when a key is renamed or a check is added.
 */
class ClusterSamplesTest {
    static final Path SAMPLES = CaseApiTest.CONFIG.resolve("cluster");
    static final List<String> NODES = List.of("node-1", "node-2", "node-3");

    /** Every section of application.yaml and the record its module binds it to. */
    static final Map<String, Class<?>> SECTIONS = sections();

    private static Map<String, Class<?>> sections() {
        Map<String, Class<?>> s = new LinkedHashMap<>();
        s.put("node", NodeConfig.class);
        s.put("http", HttpConfig.class);
        s.put("store", StoreConfig.class);
        s.put("cluster", ClusterConfig.class);
        s.put("metrics", MetricsConfig.class);
        s.put("routing", RoutingConfig.class);
        s.put("telephony", TelephonyConfig.class);
        s.put("cases", CasesConfig.class);
        s.put("channels", ChannelsConfig.class);
        s.put("wechat", WechatConfig.class);
        s.put("open311", Open311Config.class);
        s.put("mailbox", MailboxConfig.class);
        s.put("twilio", TwilioConfig.class);
        s.put("grid", GridConfig.class);
        s.put("alarms", AlarmConfig.class);
        s.put("ui", UiConfig.class);
        return s;
    }

    record Node(String name, Map<String, String> environment, AppConfig config) {
        <T> T section(String path, Class<T> type) {
            return config.section(path, type);
        }
    }

    static Node load(String name) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>(readEnv(SAMPLES.resolve("cluster.env")));
        environment.putAll(readEnv(SAMPLES.resolve(name + ".env")));
        return new Node(name, environment, AppConfig.load(CaseApiTest.CONFIG, environment));
    }

    /** {@code KEY=VALUE} lines as a shell with {@code set -a} or systemd's EnvironmentFile reads them. */
    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            assertThat(eq).as(file.getFileName() + ": not KEY=VALUE: " + line).isPositive();
            assertThat(trimmed).as(file.getFileName() + ": keep values unquoted and without spaces")
                    .doesNotContain(" ", "\"", "'");
            values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        return values;
    }

    @Test
    void everyNodeStartsWithAValidConfigurationInEverySection() throws IOException {
        for (String name : NODES) {
            Node node = load(name);
            for (Map.Entry<String, Class<?>> section : SECTIONS.entrySet()) {
                // Throws a ConfigException naming the key, as the node's start would.
                assertThat(node.section(section.getKey(), section.getValue())).as(name + " " + section.getKey())
                        .isNotNull();
            }
        }
    }

    @Test
    void theSectionListCoversApplicationYaml() throws IOException {
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(CaseApiTest.CONFIG.resolve("application.yaml")
                .toFile());
        List<String> topLevel = new ArrayList<>();
        tree.fieldNames().forEachRemaining(topLevel::add);
        assertThat(SECTIONS.keySet()).as("add a new section here so the samples are checked against it")
                .containsAll(topLevel);
    }

    @Test
    void theSamplesNameOnlyVariablesThatOverrideAKey() throws IOException {
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(CaseApiTest.CONFIG.resolve("application.yaml")
                .toFile());
        Set<String> known = new HashSet<>();
        collectVariables(tree, "", known);
        for (String name : NODES) {
            // An override of a key application.yaml does not have is silently ignored: a typo would go unseen.
            assertThat(load(name).environment().keySet()).as(name).allSatisfy(variable ->
                    assertThat(known).as("no key in application.yaml is overridden by " + variable)
                            .contains(variable));
        }
    }

    private static void collectVariables(JsonNode node, String prefix, Set<String> into) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                collectVariables(field.getValue(), path, into);
            } else {
                into.add(EnvironmentOverrides.variableFor(path));
            }
        }
    }

    @Test
    void theNodesFormOneClusterOnRedisAndOneAsteriskBehindTheSampleNginx() throws IOException {
        Set<String> ids = new HashSet<>();
        Set<List<String>> memberLists = new HashSet<>();
        Set<String> redis = new HashSet<>();
        List<String> httpEndpoints = new ArrayList<>();
        for (String name : NODES) {
            Node node = load(name);
            ClusterConfig cluster = node.section("cluster", ClusterConfig.class);
            StoreConfig store = node.section("store", StoreConfig.class);
            TelephonyConfig telephony = node.section("telephony", TelephonyConfig.class);
            HttpConfig http = node.section("http", HttpConfig.class);
            assertThat(cluster.enabled()).isTrue();
            assertThat(cluster.members()).as(name + " is one of the members it lists")
                    .contains(cluster.host() + ":" + cluster.port());
            assertThat(http.host()).as(name + " serves HTTP on its own interface").isEqualTo(cluster.host());
            assertThat(http.trustedProxies()).as(name + " takes the resident's address from nginx (10.0.0.10), so "
                    + "per-address limits are per resident, not one for the whole city").containsExactly("10.0.0.10");
            assertThat(store.isRedis()).isTrue();
            assertThat(store.keyPrefix()).isNotEqualTo("cl:");
            assertThat(telephony.pbx()).isEqualTo("asterisk");
            assertThat(node.section("metrics", MetricsConfig.class).hasToken()).as("scraped from the network")
                    .isTrue();
            ids.add(node.section("node", NodeConfig.class).id());
            memberLists.add(cluster.members());
            redis.add(store.redis().uri() + " " + store.keyPrefix() + " " + telephony.ami().host() + ":"
                    + telephony.ami().port());
            httpEndpoints.add(http.host() + ":" + http.port());
        }
        assertThat(ids).hasSize(NODES.size());
        assertThat(memberLists).as("every node lists the same members").hasSize(1);
        assertThat(memberLists.iterator().next()).hasSize(NODES.size());
        assertThat(redis).as("one Redis, one key prefix, one AMI").hasSize(1);

        String nginx = Files.readString(SAMPLES.resolve("nginx.conf"));
        Matcher upstream = Pattern.compile("upstream civicline \\{(.*?)}", Pattern.DOTALL).matcher(nginx);
        assertThat(upstream.find()).isTrue();
        List<String> servers = new ArrayList<>();
        Matcher server = Pattern.compile("(?m)^\\s*server\\s+(\\S+?)[\\s;]").matcher(upstream.group(1));
        while (server.find()) {
            servers.add(server.group(1));
        }
        assertThat(servers).as("nginx's upstream is the three nodes").containsExactlyInAnyOrderElementsOf(httpEndpoints);
        assertThat(nginx).contains("location = /ws", "Upgrade $http_upgrade", "location = /health");
        JsonNode prometheus = new ObjectMapper(new YAMLFactory()).readTree(SAMPLES.resolve("prometheus.yml").toFile());
        List<String> targets = new ArrayList<>();
        prometheus.path("scrape_configs").get(0).path("static_configs").get(0).path("targets")
                .forEach(t -> targets.add(t.asText()));
        assertThat(targets).as("Prometheus scrapes each node itself").containsExactlyInAnyOrderElementsOf(httpEndpoints);
        prometheus.path("rule_files").forEach(f -> assertThat(SAMPLES.resolve(f.asText())).exists());
    }
}
