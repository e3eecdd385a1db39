package org.civicline.telephony.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the Originate of the recorded Asterisk 22 session (src/test/resources/asterisk/ami-transcript.txt, phase A)
 * against the sandbox PBX and compares what comes back: the same events, in the same order, with the same fields in
 * the same order — up to the point where the recorded dialplan and the sample dialplan part (after VarSet HOTLINE).
 */
class TranscriptReplayTest {
    /** Not simulated: device state is a separate subsystem the adapter does not use. */
    static final Set<String> SKIPPED = Set.of("DeviceStateChange");

    static Vertx vertx;
    static SandboxPbx pbx;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pbx = new SandboxPbx(vertx, new SandboxPbx.Settings("127.0.0.1", 0, "cc", "ccsecret"), Clock.systemUTC());
        port = SandboxPbxProtocolTest.await(pbx.start());
        SandboxPbxProtocolTest.port = port;
    }

    @AfterAll
    static void stop() throws Exception {
        SandboxPbxProtocolTest.await(vertx.close());
    }

    @Test
    void anOriginateIntoTheHotlineEmitsWhatAsteriskEmitted() throws Exception {
        List<Map<String, String>> recorded = recordedPhaseA();
        assertThat(recorded).hasSizeGreaterThan(10);

        List<Map<String, String>> seen = new ArrayList<>();
        try (SandboxPbxProtocolTest.Raw raw = new SandboxPbxProtocolTest.Raw()) {
            raw.login();
            Map<String, String> queued = raw.send("Action: Originate\r\nActionID: orig-A\r\n"
                    + "Channel: Local/12345@from-pstn\r\nApplication: Wait\r\nData: 5\r\n"
                    + "CallerID: \"Test\" <13800000000>\r\nAsync: true\r\n\r\n");
            assertThat(queued).containsEntry("Message", "Originate successfully queued").containsEntry("ActionID", "orig-A");
            while (seen.size() < recorded.size()) {
                Map<String, String> event = ordered(raw);
                if (!SKIPPED.contains(event.get("Event"))) {
                    seen.add(event);
                }
            }
        }
        for (int i = 0; i < recorded.size(); i++) {
            Map<String, String> want = recorded.get(i);
            Map<String, String> got = seen.get(i);
            String where = "event " + i + " (" + want.get("Event") + " on " + want.get("Channel") + ")";
            assertThat(got.get("Event")).as(where).isEqualTo(want.get("Event"));
            assertThat(List.copyOf(got.keySet())).as(where + " fields").isEqualTo(List.copyOf(want.keySet()));
            for (String key : List.of("Channel", "ChannelStateDesc", "CallerIDNum", "CallerIDName", "Context", "Exten",
                    "Priority", "Application", "AppData", "Variable", "Value", "DialStatus", "Response")) {
                if (want.containsKey(key)) {
                    assertThat(normalize(got.get(key))).as(where + " " + key).isEqualTo(normalize(want.get(key)));
                }
            }
        }
    }

    /** Channel names differ only in the sequence number; compare them without it. */
    static String normalize(String value) {
        return value == null ? null : value.replaceAll("-[0-9a-f]{8};", "-N;");
    }

    /** The events received in phase A up to and including VarSet HOTLINE, DeviceStateChange left out. */
    static List<Map<String, String>> recordedPhaseA() throws IOException {
        List<Map<String, String>> events = new ArrayList<>();
        try (InputStream in = TranscriptReplayTest.class.getResourceAsStream("/asterisk/ami-transcript.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String phase = text.substring(text.indexOf("PHASE A"), text.indexOf("PHASE B"));
            Map<String, String> current = new LinkedHashMap<>();
            for (String line : phase.split("\n")) {
                if (!line.startsWith("<<< ")) {
                    continue;
                }
                String body = line.substring(4);
                if (body.isBlank()) {
                    if (current.containsKey("Event") && !SKIPPED.contains(current.get("Event"))) {
                        events.add(current);
                        if ("VarSet".equals(current.get("Event"))) {
                            return events;
                        }
                    }
                    current = new LinkedHashMap<>();
                } else {
                    int colon = body.indexOf(':');
                    current.put(body.substring(0, colon), body.substring(colon + 1).trim());
                }
            }
        }
        return events;
    }

    static Map<String, String> ordered(SandboxPbxProtocolTest.Raw raw) throws IOException {
        return raw.next();
    }
}
