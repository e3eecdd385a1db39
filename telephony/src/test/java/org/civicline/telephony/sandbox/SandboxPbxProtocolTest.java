package org.civicline.telephony.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox PBX answers on the AMI wire as Asterisk does: to Asterisk-Java, and to a raw socket sending bad input. */
class SandboxPbxProtocolTest {
    static Vertx vertx;
    static SandboxPbx pbx;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pbx = new SandboxPbx(vertx, new SandboxPbx.Settings("127.0.0.1", 0, "cc", "ccsecret"), Clock.systemUTC());
        port = await(pbx.start());
    }

    @AfterAll
    static void stop() throws Exception {
        await(pbx.stop());
        await(vertx.close());
    }

    @Test
    void asteriskJavaLogsInWithTheMd5ChallengeAndGetsAnswers() throws Exception {
        ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", port, "cc", "ccsecret")
                .createManagerConnection();
        connection.login();
        try {
            assertThat(connection.getVersion().toString()).contains("22");
            ManagerResponse pong = connection.sendAction(new PingAction(), 2000);
            assertThat(pong.getResponse()).isEqualTo("Success");
            assertThat(pong.getAttribute("ping")).isEqualTo("Pong");
            var channels = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 2000);
            assertThat(channels.getResponse().getResponse()).isEqualTo("Success");
        } finally {
            connection.logoff();
        }
    }

    @Test
    void aWrongSecretIsRefused() {
        ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", port, "cc", "wrong")
                .createManagerConnection();
        org.assertj.core.api.Assertions.assertThatThrownBy(connection::login)
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void anActionBeforeLoginGetsAuthenticationRequired() throws Exception {
        try (Raw raw = new Raw()) {
            assertThat(raw.banner).isEqualTo("Asterisk Call Manager/11.0.0");
            Map<String, String> answer = raw.send("Action: Ping\r\nActionID: p1\r\n\r\n");
            assertThat(answer).containsEntry("Response", "Error").containsEntry("ActionID", "p1")
                    .containsEntry("Message", "Authentication Required");
        }
    }

    @Test
    void unknownAndMissingActionsGetAsterisksErrors() throws Exception {
        try (Raw raw = new Raw()) {
            raw.login();
            assertThat(raw.send("Action: FlyToTheMoon\r\nActionID: x\r\n\r\n"))
                    .containsEntry("Response", "Error")
                    .hasEntrySatisfying("Message", m -> assertThat(m).startsWith("Invalid/unknown command"));
            assertThat(raw.send("this line has no colon\r\nActionID: y\r\n\r\n"))
                    .containsEntry("Response", "Error").containsEntry("Message", "Missing action in request");
            assertThat(raw.send("Action: Redirect\r\nActionID: z\r\nChannel: PJSIP/nobody-00000000\r\n"
                    + "Context: agents\r\nExten: 8001\r\nPriority: 1\r\n\r\n"))
                    .containsEntry("Response", "Error").containsEntry("Message", "Channel specified does not exist");
            // Still serving after all that.
            assertThat(raw.send("Action: Ping\r\nActionID: ok\r\n\r\n")).containsEntry("Response", "Success");
        }
    }

    @Test
    void anOverlongLineIsDroppedAndTheSessionGoesOn() throws Exception {
        try (Raw raw = new Raw()) {
            raw.login();
            String junk = "X-Junk: " + "a".repeat(5000) + "\r\n";
            assertThat(raw.send("Action: Ping\r\n" + junk + "ActionID: long\r\n\r\n"))
                    .containsEntry("Response", "Success").containsEntry("ActionID", "long");
        }
    }

    @Test
    void aSessionsFiltersLetThroughOnlyTheEventsItAskedFor() throws Exception {
        try (Raw filtered = new Raw(); Raw everything = new Raw()) {
            filtered.login();
            everything.login();
            assertThat(filtered.send("Action: Filter\r\nActionID: f1\r\nOperation: Add\r\n"
                    + "Filter: Event: (Newchannel|Hangup)\r\n\r\n"))
                    .containsEntry("Response", "Success").containsEntry("ActionID", "f1");
            assertThat(filtered.send("Action: Filter\r\nOperation: Add\r\nFilter: !Cause: 16\r\n\r\n"))
                    .containsEntry("Response", "Success");
            assertThat(filtered.send("Action: Filter\r\nOperation: Remove\r\nFilter: x\r\n\r\n"))
                    .containsEntry("Response", "Error").containsEntry("Message", "Unknown operation");
            assertThat(filtered.send("Action: Filter\r\nOperation: Add\r\nFilter: Event: (\r\n\r\n"))
                    .containsEntry("Response", "Error").hasEntrySatisfying("Message",
                            m -> assertThat(m).startsWith("Filter did not compile"));

            SandboxCall call = await(pbx.call("13800000001", "12345", null));
            await(pbx.hangUp(call.channel()));
            // A Ping's response follows every event sent before it on the same session.
            List<Map<String, String>> seen = filtered.eventsUntilPing();
            List<Map<String, String>> all = everything.eventsUntilPing();

            assertThat(all).extracting(e -> e.get("Event")).contains("Newchannel", "Newexten", "Hangup");
            assertThat(seen).isNotEmpty().allSatisfy(e -> {
                assertThat(e.get("Event")).isIn("Newchannel", "HangupRequest", "Hangup");
                assertThat(e.get("Cause")).isNotEqualTo("16");
            });
            assertThat(seen).extracting(e -> e.get("Event")).contains("Newchannel");
            // Responses to actions are not filtered (as in Asterisk): the list still comes whole.
            assertThat(filtered.send("Action: CoreShowChannels\r\nActionID: c1\r\n\r\n"))
                    .containsEntry("Response", "Success");
        }
    }

    /** A client that speaks AMI by hand, to send what Asterisk-Java never would. */
    static final class Raw implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;
        final String banner;

        Raw() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            banner = in.readLine();
        }

        void login() throws Exception {
            String challenge = send("Action: Challenge\r\nAuthType: MD5\r\n\r\n").get("Challenge");
            String key = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((challenge + "ccsecret").getBytes(StandardCharsets.UTF_8)));
            Map<String, String> ok = send("Action: Login\r\nUsername: cc\r\nAuthType: MD5\r\nKey: " + key + "\r\n\r\n");
            assertThat(ok).containsEntry("Message", "Authentication accepted");
            assertThat(next()).containsEntry("Event", "FullyBooted");
        }

        /** Sends a packet and returns the next packet that is a response (events in between are skipped). */
        Map<String, String> send(String packet) throws IOException {
            out.write(packet.getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                Map<String, String> p = next();
                if (p.containsKey("Response")) {
                    return p;
                }
            }
        }

        /** Sends a Ping and returns the events that came before its response. */
        List<Map<String, String>> eventsUntilPing() throws IOException {
            out.write("Action: Ping\r\nActionID: until\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<Map<String, String>> events = new ArrayList<>();
            while (true) {
                Map<String, String> p = next();
                if ("until".equals(p.get("ActionID")) && p.containsKey("Response")) {
                    return events;
                }
                if (p.containsKey("Event")) {
                    events.add(p);
                }
            }
        }

        Map<String, String> next() throws IOException {
            Map<String, String> packet = new LinkedHashMap<>();
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                packet.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).trim());
            }
            return packet;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
