package org.civicline.telephony.sandbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One AMI client connection to the sandbox PBX: reads packets line by line, answers login the way Asterisk does
 * (plain or MD5 challenge), refuses everything else until then, and hands actions to {@link SandboxActions}.
 */
final class AmiSession {
    /** Asterisk drops longer lines and ignores headers past its limit (AST_MAX_MANHEADERS). */
    static final int MAX_LINE = 1024;
    static final int MAX_HEADERS = 128;

    private final SandboxPbx pbx;
    private final NetSocket socket;
    private AmiPacket current = new AmiPacket();
    private int headers;
    private String challenge;
    private boolean authenticated;
    private boolean eventsOn = true;
    private final List<Pattern> whiteFilters = new ArrayList<>();
    private final List<Pattern> blackFilters = new ArrayList<>();
    private boolean closed;

    AmiSession(SandboxPbx pbx, NetSocket socket) {
        this.pbx = pbx;
        this.socket = socket;
        RecordParser lines = RecordParser.newDelimited("\n", this::line);
        // A client that never sends a newline must not grow our memory; Asterisk closes such sessions too.
        lines.maxRecordSize(64 * 1024);
        lines.exceptionHandler(e -> close());
        socket.handler(lines);
        socket.closeHandler(v -> {
            closed = true;
            pbx.sessionClosed(this);
        });
        socket.write("Asterisk Call Manager/" + SandboxPbx.AMI_VERSION + "\r\n");
    }

    boolean receivesEvents() {
        return authenticated && eventsOn && !closed;
    }

    void send(AmiPacket packet) {
        send(Buffer.buffer(packet.toWire()));
    }

    void send(Buffer wire) {
        if (!closed) {
            socket.write(wire);
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            socket.close();
        }
    }

    private void line(Buffer raw) {
        String line = raw.toString(StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            if (!current.isEmpty()) {
                AmiPacket packet = current;
                current = new AmiPacket();
                headers = 0;
                handle(packet);
            }
            return;
        }
        if (line.length() > MAX_LINE || headers >= MAX_HEADERS) {
            return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            // Asterisk keeps such a line but no action reads it; the packet then lacks what the action needs.
            return;
        }
        headers++;
        current.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }

    private void handle(AmiPacket request) {
        String action = request.get("Action");
        if (action == null || action.isBlank()) {
            send(error(request, "Missing action in request"));
            return;
        }
        switch (action.toLowerCase()) {
            case "challenge" -> challenge(request);
            case "login" -> login(request);
            case "logoff" -> {
                send(reply(request, "Goodbye").add("Message", "Thanks for all the fish."));
                close();
            }
            default -> {
                if (!authenticated) {
                    send(error(request, "Authentication Required"));
                } else if (action.equalsIgnoreCase("Filter")) {
                    filter(request);
                } else if (action.equalsIgnoreCase("Events")) {
                    eventsOn = !"off".equalsIgnoreCase(request.get("EventMask"));
                    send(reply(request, "Success").add("Events", eventsOn ? "On" : "Off"));
                } else {
                    pbx.actions().handle(this, action, request);
                }
            }
        }
    }

    /**
     * {@code Action: Filter}, as Asterisk's manager.c: {@code Operation: Add} with a regular expression, black when it
     * starts with '!'. A session's events then pass when (with white filters) one white filter matches and no black
     * one does. Asterisk uses POSIX extended expressions; the ones clients send (alternations, anchors, classes of
     * characters) read the same in Java.
     */
    private void filter(AmiPacket request) {
        if (!"add".equalsIgnoreCase(request.get("Operation"))) {
            send(error(request, "Unknown operation"));
            return;
        }
        String filter = request.get("Filter") == null ? "" : request.get("Filter");
        boolean black = filter.startsWith("!");
        Pattern pattern;
        try {
            pattern = Pattern.compile(black ? filter.substring(1) : filter);
        } catch (PatternSyntaxException e) {
            send(error(request, "Filter did not compile.  Check the syntax of the filter given."));
            return;
        }
        (black ? blackFilters : whiteFilters).add(pattern);
        send(reply(request, "Success").add("Message", "Success"));
    }

    /** Whether this session's filters let {@code eventText} (the event as sent on the wire) through. */
    boolean passes(String eventText) {
        if (!whiteFilters.isEmpty() && whiteFilters.stream().noneMatch(p -> p.matcher(eventText).find())) {
            return false;
        }
        return blackFilters.stream().noneMatch(p -> p.matcher(eventText).find());
    }

    private void challenge(AmiPacket request) {
        if (!"md5".equalsIgnoreCase(request.get("AuthType"))) {
            send(error(request, "Must specify AuthType"));
            return;
        }
        if (challenge == null) {
            challenge = Integer.toString(ThreadLocalRandom.current().nextInt(100_000_000, Integer.MAX_VALUE));
        }
        send(reply(request, "Success").add("Challenge", challenge));
    }

    private void login(AmiPacket request) {
        if (authenticated) {
            send(reply(request, "Success").add("Message", "Already authenticated"));
            return;
        }
        if (pbx.accepts(request.get("Username"), request.get("Secret"), request.get("AuthType"),
                request.get("Key"), challenge)) {
            authenticated = true;
            eventsOn = !"off".equalsIgnoreCase(request.get("Events"));
            send(reply(request, "Success").add("Message", "Authentication accepted"));
            send(AmiPacket.event("FullyBooted", "system,all").add("Uptime", pbx.uptimeSeconds())
                    .add("LastReload", pbx.uptimeSeconds()).add("Status", "Fully Booted"));
        } else {
            // Asterisk ends the session after a failed login.
            send(error(request, "Authentication failed"));
            close();
        }
    }

    static AmiPacket reply(AmiPacket request, String result) {
        AmiPacket reply = AmiPacket.response(result);
        String actionId = request.get("ActionID");
        if (actionId != null) {
            reply.add("ActionID", actionId);
        }
        return reply;
    }

    static AmiPacket error(AmiPacket request, String message) {
        return reply(request, "Error").add("Message", message);
    }

    static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }
}
