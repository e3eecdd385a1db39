package org.civicline.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code civicline load} is asked to do. {@code --config DIR} (a folder written by {@code civicline load-config})
 * fills in the deployment's keys and addresses; every other option overrides it.
 */
public record LoadOptions(
        List<String> urls,
        double rate,
        int durationSeconds,
        int warmupSeconds,
        String arrivals,
        double burstEverySeconds,
        ChannelMix mix,
        int agents,
        String agentPrefix,
        String agentPassword,
        Range acceptDelayMillis,
        Range handleMillis,
        String amiHost,
        int amiPort,
        String amiUser,
        String amiSecret,
        int callHoldSeconds,
        String redisUri,
        String keyPrefix,
        String appKey,
        String open311Key,
        String wechatToken,
        String wechatAesKey,
        String wechatAppId,
        int capacitySeconds,
        int bareWarmupSeconds,
        int connections,
        int drainSeconds,
        int serviceLevelSeconds,
        long seed,
        int timeoutMillis) {

    /** A uniform random range such as {@code 50-300}. */
    public record Range(long min, long max) {
        static Range parse(String option, String text) {
            String[] parts = text.split("-", 2);
            try {
                long min = Long.parseLong(parts[0].strip());
                long max = parts.length == 1 ? min : Long.parseLong(parts[1].strip());
                if (min < 0 || max < min) {
                    throw new BadOption(option + ": expected MIN-MAX with 0 <= MIN <= MAX, got '" + text + "'");
                }
                return new Range(min, max);
            } catch (NumberFormatException e) {
                throw new BadOption(option + ": expected MIN-MAX in milliseconds, got '" + text + "'");
            }
        }

        long pick(java.util.Random random) {
            return max == min ? min : min + (long) (random.nextDouble() * (max - min + 1));
        }
    }

    /** A command-line mistake, said plainly. */
    public static final class BadOption extends RuntimeException {
        public BadOption(String message) {
            super(message);
        }
    }

    public static final String USAGE = """
            usage: civicline load [options]
              --config DIR              a folder written by 'civicline load-config' (keys, ports, agents, Redis)
              --url URL[,URL…]          the nodes' base URLs (default http://127.0.0.1:<http.port>)
              --rate N                  contacts per second (default 200)
              --duration S              seconds of arrivals (default 30)
              --warmup-seconds S        the same arrivals first for S seconds, not counted (default 10)
              --arrivals poisson|burst  arrival process (default poisson)
              --burst-every S           burst: rate×S contacts at once every S seconds (default 1)
              --mix CH=W,…              channels and weights: app, open311, wechat, mailbox, call
                                        (default app=4,open311=1,wechat=3,mailbox=1,call=1)
              --agents N                simulated agents load-001… that sign in (default: as in --config, else 0)
              --agent-password P        their password (default: as in --config)
              --accept-delay-ms A-B     an agent accepts an offer after A..B ms (default 20-200)
              --handle-ms A-B           and finishes A..B ms later (default 100-1000)
              --ami HOST:PORT           the sandbox PBX's AMI (default: as in --config)
              --ami-user U --ami-secret S
              --call-hold-seconds S     how long a caller waits before hanging up (default 90)
              --redis URI               the deployment's Redis, for the final lost-contact check
              --key-prefix P            its key prefix (default cl:)
              --capacity-seconds S      seconds of each saturation probe, bare endpoint and app intake; 0 skips (default 5)
              --bare-warmup-seconds S   the bare endpoint's probe runs S seconds first, not counted (default 10;
                                        the app probe 1 s, its path is warm from the run)
              --connections N           HTTP connections per node at most, opened as needed
                                        (default: one per contact of a second at --rate, 64..4096)
              --drain-seconds S         how long to wait for every contact to be offered after the probes (default 30)
              --service-level-seconds S accepted within S seconds of arrival counts as in service level (default 20)
              --seed N                  random seed (default: from the clock)
            """;

    public static LoadOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("-h") || name.equals("--help")) {
                given.put("--help", "");
                continue;
            }
            if (!name.startsWith("--") || !KNOWN.contains(name)) {
                throw new BadOption("unknown option '" + name + "'");
            }
            if (i + 1 >= args.length) {
                throw new BadOption(name + " needs a value");
            }
            given.put(name, args[++i]);
        }
        if (given.containsKey("--help")) {
            return null;
        }
        Deployment deployment = given.containsKey("--config") ? Deployment.read(Path.of(given.get("--config")))
                : Deployment.NONE;
        String amiText = given.getOrDefault("--ami", deployment.ami());
        String amiHost = null;
        int amiPort = 0;
        if (amiText != null) {
            int colon = amiText.lastIndexOf(':');
            if (colon <= 0) {
                throw new BadOption("--ami: expected HOST:PORT, got '" + amiText + "'");
            }
            amiHost = amiText.substring(0, colon);
            amiPort = integer("--ami", amiText.substring(colon + 1), 1, 65535);
        }
        ChannelMix mix = ChannelMix.parse(given.getOrDefault("--mix", "app=4,open311=1,wechat=3,mailbox=1,call=1"));
        if (mix.uses(LoadChannel.CALL) && amiHost == null) {
            throw new BadOption("--mix has calls: give --ami HOST:PORT (or --config) for the sandbox PBX");
        }
        String arrivals = given.getOrDefault("--arrivals", "poisson");
        if (!arrivals.equals("poisson") && !arrivals.equals("burst")) {
            throw new BadOption("--arrivals: expected poisson or burst, got '" + arrivals + "'");
        }
        String wechatAesKey = given.getOrDefault("--wechat-aes-key", deployment.wechatAesKey());
        if (mix.uses(LoadChannel.WECHAT) && (wechatAesKey == null || wechatAesKey.length() != 43)) {
            throw new BadOption("--mix has wechat: give --wechat-aes-key (43 characters) or --config");
        }
        List<String> urls = Arrays.stream(given.getOrDefault("--url", deployment.url()).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .toList();
        for (String url : urls) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new BadOption("--url: expected http://host:port, got '" + url + "'");
            }
        }
        double rate = decimal("--rate", given.getOrDefault("--rate", "200"), 0.001, 1_000_000);
        return new LoadOptions(
                urls,
                rate,
                integer("--duration", given.getOrDefault("--duration", "30"), 1, 3600),
                integer("--warmup-seconds", given.getOrDefault("--warmup-seconds", "10"), 0, 600),
                arrivals,
                decimal("--burst-every", given.getOrDefault("--burst-every", "1"), 0.001, 3600),
                mix,
                integer("--agents", given.getOrDefault("--agents", Integer.toString(deployment.agents())), 0,
                        LoadConfig.MAX_AGENTS),
                deployment.agentPrefix(),
                given.getOrDefault("--agent-password", deployment.agentPassword()),
                Range.parse("--accept-delay-ms", given.getOrDefault("--accept-delay-ms", "20-200")),
                Range.parse("--handle-ms", given.getOrDefault("--handle-ms", "100-1000")),
                amiHost,
                amiPort,
                given.getOrDefault("--ami-user", deployment.amiUser()),
                given.getOrDefault("--ami-secret", deployment.amiSecret()),
                integer("--call-hold-seconds", given.getOrDefault("--call-hold-seconds", "90"), 1, 3600),
                given.getOrDefault("--redis", deployment.redisUri()),
                given.getOrDefault("--key-prefix", deployment.keyPrefix()),
                given.getOrDefault("--app-key", deployment.appKey()),
                given.getOrDefault("--open311-key", deployment.open311Key()),
                given.getOrDefault("--wechat-token", deployment.wechatToken()),
                wechatAesKey,
                given.getOrDefault("--wechat-app-id", deployment.wechatAppId()),
                integer("--capacity-seconds", given.getOrDefault("--capacity-seconds", "5"), 0, 600),
                integer("--bare-warmup-seconds", given.getOrDefault("--bare-warmup-seconds", "10"), 0, 600),
                integer("--connections", given.getOrDefault("--connections", defaultConnections(rate)), 1, 4096),
                integer("--drain-seconds", given.getOrDefault("--drain-seconds", "30"), 0, 3600),
                integer("--service-level-seconds", given.getOrDefault("--service-level-seconds", "20"), 1, 86400),
                given.containsKey("--seed") ? longValue("--seed", given.get("--seed")) : System.nanoTime(),
                integer("--timeout-ms", given.getOrDefault("--timeout-ms", "10000"), 100, 600_000));
    }

    private static final List<String> KNOWN = List.of("--config", "--url", "--rate", "--duration", "--warmup-seconds",
            "--arrivals", "--burst-every", "--mix", "--agents", "--agent-password", "--accept-delay-ms", "--handle-ms",
            "--ami",
            "--ami-user", "--ami-secret", "--call-hold-seconds", "--redis", "--key-prefix", "--app-key",
            "--open311-key", "--wechat-token", "--wechat-aes-key", "--wechat-app-id", "--capacity-seconds",
            "--bare-warmup-seconds", "--connections", "--drain-seconds", "--service-level-seconds", "--seed",
            "--timeout-ms");

    /**
     * Residents do not share a handful of connections: each arrives on its own. A small pool capped what the run could
     * carry at pool ÷ latency, so a hiccup that raised the latency left a backlog the pool never worked off (at
     * 1,000/s, same build: p50 arrival → offer 3.2 s with 64, 37 ms with 1,000). One per contact of a second avoids
     * that.
     */
    static String defaultConnections(double rate) {
        return Long.toString(Math.max(64, Math.min(4096, (long) Math.ceil(rate))));
    }

    private static int integer(String option, String text, int min, int max) {
        long value = longValue(option, text);
        if (value < min || value > max) {
            throw new BadOption(option + ": expected " + min + ".." + max + ", got " + text);
        }
        return (int) value;
    }

    private static long longValue(String option, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BadOption(option + ": expected a whole number, got '" + text + "'");
        }
    }

    private static double decimal(String option, String text, double min, double max) {
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new BadOption(option + ": expected a number, got '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new BadOption(option + ": expected " + min + ".." + max + ", got " + text);
        }
        return value;
    }

    /** What a load deployment's config folder says about reaching it. */
    record Deployment(String url, String redisUri, String keyPrefix, String ami, String amiUser, String amiSecret,
                      String appKey, String open311Key, String wechatToken, String wechatAesKey, String wechatAppId,
                      int agents, String agentPrefix, String agentPassword) {
        static final Deployment NONE = new Deployment("http://127.0.0.1:8080", null, "cl:", null, "civicline",
                "change-me", "demo-city-app-key", LoadConfig.OPEN311_KEY, "civiclineDemo", null, null, 0,
                LoadConfig.AGENT_PREFIX, LoadConfig.DEFAULT_PASSWORD);

        static Deployment read(Path dir) {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode app;
            JsonNode load;
            try {
                app = yaml.readTree(Files.readString(dir.resolve("application.yaml")));
                Path loadFile = dir.resolve(LoadConfig.LOAD_FILE);
                load = Files.exists(loadFile) ? yaml.readTree(Files.readString(loadFile)) : yaml.createObjectNode();
            } catch (IOException e) {
                throw new BadOption("--config: cannot read " + dir + ": " + e.getMessage());
            }
            String store = app.path("store").path("type").asText("memory");
            List<String> cityKeys = texts(app.path("open311").path("cityAppKeys"));
            String otherKey = texts(app.path("open311").path("apiKeys")).stream().filter(k -> !cityKeys.contains(k))
                    .findFirst().orElse(null);
            JsonNode sandbox = app.path("telephony").path("sandbox");
            String ami = "sandbox".equals(app.path("telephony").path("pbx").asText()) && sandbox.path("port").asInt() > 0
                    ? sandbox.path("host").asText("127.0.0.1") + ":" + sandbox.path("port").asInt() : null;
            return new Deployment("http://127.0.0.1:" + app.path("http").path("port").asInt(8080),
                    "redis".equals(store) ? app.path("store").path("redis").path("uri").asText(null) : null,
                    app.path("store").path("redis").path("keyPrefix").asText("cl:"),
                    ami,
                    app.path("telephony").path("ami").path("username").asText("civicline"),
                    app.path("telephony").path("ami").path("secret").asText("change-me"),
                    cityKeys.isEmpty() ? null : cityKeys.get(0),
                    otherKey,
                    app.path("wechat").path("token").asText(null),
                    blankToNull(app.path("wechat").path("aesKey").asText(null)),
                    blankToNull(app.path("wechat").path("appId").asText(null)),
                    load.path("agents").asInt(0),
                    load.path("agentPrefix").asText(LoadConfig.AGENT_PREFIX),
                    load.path("agentPassword").asText(LoadConfig.DEFAULT_PASSWORD));
        }

        private static List<String> texts(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
