package org.civicline.telephony;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicline.core.config.ConfigSection;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;

/**
 * The {@code telephony:} section. {@code pbx} says what the node talks to: {@code sandbox} (the embedded default:
 * the sandbox PBX runs in-process and the AMI client logs in to it), {@code asterisk} (a real Asterisk at
 * {@code ami.host}), or {@code none}.
 */
public record TelephonyConfig(
        String pbx,
        Ami ami,
        Sandbox sandbox,
        Dialplan dialplan,
        List<Line> lines,
        AssignMode assignMode,
        String hotlineCallerId,
        List<String> oneTouchDevices,
        Map<String, String> ivrSkills,
        Twilio twilio) implements ConfigSection {

    public enum AssignMode { REDIRECT, ORIGINATE }

    public TelephonyConfig {
        pbx = pbx == null ? "sandbox" : pbx;
        ami = ami == null ? new Ami(null, 0, null, null, 0, 0, 0) : ami;
        sandbox = sandbox == null ? new Sandbox(null, 0, 0) : sandbox;
        dialplan = dialplan == null ? new Dialplan(null, null, null, null, null, null, null, null, null) : dialplan;
        lines = lines == null || lines.isEmpty() ? List.of(
                new Line("12345", Channel.HOTLINE_12345, Priority.NORMAL, List.of()),
                new Line("8890", Channel.HOTLINE_8890, Priority.NORMAL, List.of()),
                new Line("12349", Channel.ELDER_12349, Priority.URGENT, List.of("elderly"))) : List.copyOf(lines);
        ivrSkills = ivrSkills == null ? Map.of() : Map.copyOf(ivrSkills);
        assignMode = assignMode == null ? AssignMode.REDIRECT : assignMode;
        hotlineCallerId = hotlineCallerId == null ? "12345" : hotlineCallerId;
        oneTouchDevices = oneTouchDevices == null ? List.of() : List.copyOf(oneTouchDevices);
        twilio = twilio == null ? new Twilio(false, null, null, null, null, 0, null) : twilio;
    }

    /** The AMI login. With {@code pbx: sandbox} host and port are the sandbox's own. */
    public record Ami(String host, int port, String username, String secret, long responseTimeoutMillis,
                      long reconnectInitialMillis, long reconnectMaxMillis) {
        public Ami {
            host = host == null ? "127.0.0.1" : host;
            port = port == 0 ? 5038 : port;
            username = username == null ? "civicline" : username;
            secret = secret == null ? "civicline" : secret;
            responseTimeoutMillis = responseTimeoutMillis == 0 ? 5000 : responseTimeoutMillis;
            reconnectInitialMillis = reconnectInitialMillis == 0 ? 500 : reconnectInitialMillis;
            reconnectMaxMillis = reconnectMaxMillis == 0 ? 30_000 : reconnectMaxMillis;
        }
    }

    /** The in-process sandbox PBX; {@code demoCallEverySeconds} > 0 places a demo call that often. */
    public record Sandbox(String host, int port, int demoCallEverySeconds) {
        public Sandbox {
            host = host == null ? "127.0.0.1" : host;
        }
    }

    /** Names in the dialplan ({@code config/asterisk/extensions.conf}) that the adapter relies on. */
    public record Dialplan(String hotlineContext, String lineVariable, String ivrVariable, String recordingVariable,
                           List<String> holdApplications, String agentContext, String holdContext,
                           String outboundContext, String agentChannel) {
        public Dialplan {
            hotlineContext = hotlineContext == null ? "from-pstn" : hotlineContext;
            lineVariable = lineVariable == null ? "HOTLINE" : lineVariable;
            ivrVariable = ivrVariable == null ? "IVR_CHOICE" : ivrVariable;
            recordingVariable = recordingVariable == null ? "MIXMONITOR_FILENAME" : recordingVariable;
            holdApplications = holdApplications == null || holdApplications.isEmpty()
                    ? List.of("Wait", "MusicOnHold") : List.copyOf(holdApplications);
            agentContext = agentContext == null ? "agents" : agentContext;
            holdContext = holdContext == null ? "cc-hold" : holdContext;
            outboundContext = outboundContext == null ? "outbound" : outboundContext;
            agentChannel = agentChannel == null ? "PJSIP/%s" : agentChannel;
        }
    }

    /** A hotline number, the channel its contacts are on, their queue priority, and skills the router prefers. */
    public record Line(String number, Channel channel, Priority priority, List<String> skills) {
        public Line {
            skills = skills == null ? List.of() : List.copyOf(skills);
        }
    }

    /** Twilio voice webhooks; {@code apiBaseUrl} null means Twilio's own API. */
    public record Twilio(boolean enabled, String accountSid, String authToken, String publicUrl, String apiBaseUrl,
                         int maxBodyBytes, String greeting) {
        public Twilio {
            maxBodyBytes = maxBodyBytes == 0 ? 16 * 1024 : maxBodyBytes;
            greeting = greeting == null ? "您好，这里是12345政务服务便民热线。" : greeting;
        }
    }

    public Line line(String number) {
        return number == null ? null : lines.stream().filter(l -> l.number().equals(number)).findFirst().orElse(null);
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!List.of("sandbox", "asterisk", "none").contains(pbx)) {
            problems.add("pbx: expected sandbox, asterisk or none, got '" + pbx + "'");
        }
        if (ami.port() < 1 || ami.port() > 65535) {
            problems.add("ami.port: expected 1..65535, got " + ami.port());
        }
        if (sandbox.port() < 0 || sandbox.port() > 65535) {
            problems.add("sandbox.port: expected 0..65535, got " + sandbox.port());
        }
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.number() == null || !l.number().matches("\\d{3,8}")) {
                problems.add("lines[" + i + "].number: expected 3 to 8 digits, got '" + l.number() + "'");
            }
            if (l.channel() == null || !l.channel().isVoice()) {
                problems.add("lines[" + i + "].channel: expected a voice channel, got " + l.channel());
            }
            if (l.priority() == null) {
                problems.add("lines[" + i + "].priority: required");
            }
        }
        if (!dialplan.agentChannel().contains("%s")) {
            problems.add("dialplan.agentChannel: expected a pattern with %s for the extension, got '"
                    + dialplan.agentChannel() + "'");
        }
        if (twilio.enabled()) {
            if (twilio.authToken() == null || twilio.authToken().isBlank()) {
                problems.add("twilio.authToken: required when twilio.enabled");
            }
            if (twilio.accountSid() == null || twilio.accountSid().isBlank()) {
                problems.add("twilio.accountSid: required when twilio.enabled");
            }
            if (twilio.publicUrl() == null || !twilio.publicUrl().matches("https?://.+")) {
                problems.add("twilio.publicUrl: expected the public http(s) URL Twilio calls, got '"
                        + twilio.publicUrl() + "'");
            }
        }
        return problems;
    }
}
