package org.civicline.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code civicline load-config}: a copy of a config folder made for load runs. The demo has five agents and limits
 * meant for residents (30 Open311 posts a minute per address); a load deployment needs many agents with room for
 * many contacts, no wrap-up, limits out of the way, a fixed AMI port for the sandbox PBX, WeChat safe mode and Redis.
 * Nothing here changes the shipped defaults: the load agents exist only in the folder this writes.
 */
public final class LoadConfig {
    static final String LOAD_FILE = "load-tool.yaml";
    static final String AGENT_PREFIX = "load-";
    static final String DEFAULT_PASSWORD = "civicline-load";
    static final String OPEN311_KEY = "load-open311-client-key";
    /** Sign-in is slow on purpose (210,000 rounds); load agents are throw-away, so their hashes use fewer. */
    static final int LOAD_HASH_ITERATIONS = 10_000;
    private static final int NO_LIMIT = 1_000_000_000;
    private static final int FIRST_EXTENSION = 8100;
    static final int MAX_AGENTS = 8999 - FIRST_EXTENSION;
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Settings(Path from, Path out, int agents, String password, String redisUri, String keyPrefix,
                           int httpPort, int amiPort) {
    }

    private LoadConfig() {
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = parse(args);
        } catch (LoadOptions.BadOption e) {
            System.err.println("civicline load-config: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (settings == null) {
            System.out.println(USAGE);
            return;
        }
        write(settings);
        System.out.println("load configuration written to " + settings.out().toAbsolutePath() + " ("
                + settings.agents() + " load agents, Redis " + settings.redisUri() + ")");
        System.out.println("start the node:  ./civicline run --config " + settings.out());
        System.out.println("then drive it:   ./civicline load --config " + settings.out() + " --rate 1000 --duration 30");
    }

    static final String USAGE = """
            usage: civicline load-config --out DIR [--from config] [--agents 200] [--agent-password P]
                                         [--redis redis://127.0.0.1:6379] [--key-prefix cl:] [--port 8080]
                                         [--ami-port 5039]""";

    static Settings parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-h") || args[i].equals("--help")) {
                return null;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new LoadOptions.BadOption("unexpected '" + args[i] + "'");
            }
            given.put(args[i], args[++i]);
        }
        if (!given.containsKey("--out")) {
            throw new LoadOptions.BadOption("--out DIR is required");
        }
        try {
            return new Settings(Path.of(given.getOrDefault("--from", "config")), Path.of(given.get("--out")),
                    Integer.parseInt(given.getOrDefault("--agents", "200")),
                    given.getOrDefault("--agent-password", DEFAULT_PASSWORD),
                    given.getOrDefault("--redis", "redis://127.0.0.1:6379"),
                    given.getOrDefault("--key-prefix", "cl:"),
                    Integer.parseInt(given.getOrDefault("--port", "8080")),
                    Integer.parseInt(given.getOrDefault("--ami-port", "5039")));
        } catch (NumberFormatException e) {
            throw new LoadOptions.BadOption("--agents, --port and --ami-port take whole numbers: " + e.getMessage());
        }
    }

    /** Copies {@code from} to {@code out} and rewrites application.yaml, agents.yaml and users.yaml there. */
    public static void write(Settings s) {
        if (s.agents() < 0 || s.agents() > MAX_AGENTS) {
            throw new LoadOptions.BadOption("--agents: expected 0.." + MAX_AGENTS + ", got " + s.agents());
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        try {
            copyTree(s.from(), s.out());
            ObjectNode app = (ObjectNode) yaml.readTree(Files.readString(s.from().resolve("application.yaml")));
            tune(app, s);
            yaml.writeValue(s.out().resolve("application.yaml").toFile(), app);

            ObjectNode agents = readOrEmpty(yaml, s.from().resolve("reference/agents.yaml"));
            ArrayNode agentList = agents.withArrayProperty("agents");
            ObjectNode users = readOrEmpty(yaml, s.from().resolve("reference/users.yaml"));
            ArrayNode userList = users.withArrayProperty("users");
            for (int i = 1; i <= s.agents(); i++) {
                String id = agentId(AGENT_PREFIX, i);
                ObjectNode agent = agentList.addObject();
                // The sample dialplan rings agents' phones at 8xxx; 8001-8005 are the demo agents'.
                agent.put("id", id).put("name", "压测坐席 " + i).put("extension", "PJSIP/" + (FIRST_EXTENSION + i));
                ArrayNode channels = agent.putArray("channels");
                for (String c : new String[]{"HOTLINE_12345", "HOTLINE_8890", "ELDER_12349", "ONE_TOUCH", "WECHAT",
                        "SMS", "APP", "MAILBOX", "OPEN311"}) {
                    channels.add(c);
                }
                agent.putObject("capacity").put("VOICE", 1).put("CHAT", 50).put("SMS", 50).put("LETTER", 50);
                agent.putObject("skills").put("lang:zh", 5).put("elderly", 5);
                userList.addObject().put("username", id).put("name", "压测坐席 " + i).put("role", "AGENT")
                        .put("agentId", id).put("passwordHash", hash(s.password(), LOAD_HASH_ITERATIONS));
            }
            yaml.writeValue(s.out().resolve("reference/agents.yaml").toFile(), agents);
            yaml.writeValue(s.out().resolve("reference/users.yaml").toFile(), users);
            ObjectNode load = yaml.createObjectNode().put("agents", s.agents()).put("agentPrefix", AGENT_PREFIX)
                    .put("agentPassword", s.password());
            yaml.writeValue(s.out().resolve(LOAD_FILE).toFile(), load);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the load configuration to " + s.out(), e);
        }
    }

    static String agentId(String prefix, int n) {
        return prefix + String.format("%03d", n);
    }

    private static void tune(ObjectNode app, Settings s) {
        ObjectNode http = app.withObjectProperty("http");
        http.put("port", s.httpPort());
        http.put("publicUrl", "http://localhost:" + s.httpPort());
        ObjectNode store = app.withObjectProperty("store");
        store.put("type", "redis");
        store.withObjectProperty("redis").put("uri", s.redisUri()).put("keyPrefix", s.keyPrefix());

        ObjectNode routing = app.withObjectProperty("routing");
        // A load agent takes a call and letters at once, and is ready again the moment it finishes.
        routing.put("voiceBlocksOtherMedia", false);
        routing.withArrayProperty("queues").forEach(q -> ((ObjectNode) q).put("wrapUpSeconds", 0));

        ObjectNode telephony = app.withObjectProperty("telephony");
        telephony.put("pbx", "sandbox");
        telephony.withObjectProperty("sandbox").put("port", s.amiPort()).put("demoCallEverySeconds", 0);

        ObjectNode wechat = app.withObjectProperty("wechat");
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        wechat.put("aesKey", Base64.getEncoder().encodeToString(key).substring(0, 43));
        wechat.put("appId", "wxload" + Long.toHexString(RANDOM.nextLong() & 0xffffffffffL));
        wechat.put("messagesPerMinute", NO_LIMIT);

        ObjectNode open311 = app.withObjectProperty("open311");
        open311.put("postsPerMinute", NO_LIMIT);
        ArrayNode keys = open311.withArrayProperty("apiKeys");
        boolean present = false;
        for (JsonNode k : keys) {
            present |= OPEN311_KEY.equals(k.asText());
        }
        if (!present) {
            keys.add(OPEN311_KEY);
        }

        ObjectNode mailbox = app.withObjectProperty("mailbox");
        mailbox.put("lettersPerIpPerHour", NO_LIMIT).put("lettersPerPhonePerDay", NO_LIMIT)
                .put("queriesPerIpPerHour", NO_LIMIT);
    }

    private static ObjectNode readOrEmpty(ObjectMapper yaml, Path file) throws IOException {
        if (!Files.exists(file)) {
            return yaml.createObjectNode();
        }
        JsonNode node = yaml.readTree(Files.readString(file));
        return node instanceof ObjectNode o ? o : yaml.createObjectNode();
    }

    /** The sign-in format {@code pbkdf2-sha256$rounds$salt$hash}, which carries its own number of rounds. */
    static String hash(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        try {
            byte[] derived = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derived);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from.resolve("reference"))) {
            throw new LoadOptions.BadOption("--from: " + from + " is not a config folder (no reference/)");
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
