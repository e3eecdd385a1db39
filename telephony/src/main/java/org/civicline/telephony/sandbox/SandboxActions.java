package org.civicline.telephony.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The AMI actions the sandbox PBX understands, answered with Asterisk's own response texts. */
final class SandboxActions {
    private static final Pattern CALLER_ID = Pattern.compile("^\\s*(?:\"?([^\"<]*)\"?\\s*)?<([^>]*)>\\s*$");

    private static final Pattern LOCAL = Pattern.compile("(?i)Local/([^@/]+)@([^/;]+)");

    private final SandboxPbx pbx;
    private final LocalOriginate localOriginate;
    private final ChanSpy chanSpy;

    SandboxActions(SandboxPbx pbx) {
        this.pbx = pbx;
        this.localOriginate = new LocalOriginate(pbx);
        this.chanSpy = new ChanSpy(pbx);
    }

    ChanSpy chanSpy() {
        return chanSpy;
    }

    /** {@code "Name" <number>} → [name, number], {@code <unknown>} for what is missing. */
    static String[] callerId(String callerId) {
        if (callerId == null || callerId.isBlank()) {
            return new String[] {SimChannel.UNKNOWN, SimChannel.UNKNOWN};
        }
        Matcher m = CALLER_ID.matcher(callerId);
        if (!m.matches()) {
            return new String[] {SimChannel.UNKNOWN, callerId.trim()};
        }
        String name = m.group(1) == null || m.group(1).isBlank() ? SimChannel.UNKNOWN : m.group(1).trim();
        return new String[] {name, m.group(2).isBlank() ? SimChannel.UNKNOWN : m.group(2)};
    }

    void handle(AmiSession session, String action, AmiPacket request) {
        switch (action.toLowerCase()) {
            case "ping" -> session.send(AmiSession.reply(request, "Success").add("Ping", "Pong")
                    .add("Timestamp", pbx.timestamp()));
            case "coresettings" -> session.send(AmiSession.reply(request, "Success")
                    .add("AMIversion", SandboxPbx.AMI_VERSION).add("AsteriskVersion", SandboxPbx.ASTERISK_VERSION)
                    .add("SystemName", "").add("CoreMaxCalls", 0).add("CoreMaxLoadAvg", "0.000000")
                    .add("CoreRunUser", "asterisk").add("CoreRunGroup", "asterisk").add("CoreMaxFilehandles", 0)
                    .add("CoreRealTimeEnabled", "No").add("CoreCDRenabled", "Yes").add("CoreHTTPenabled", "No"));
            case "command" -> command(session, request);
            case "coreshowchannels" -> coreShowChannels(session, request);
            case "redirect" -> redirect(session, request);
            case "hangup" -> hangup(session, request);
            case "originate" -> originate(session, request);
            case "getvar" -> getvar(session, request);
            case "setvar" -> setvar(session, request);
            case "playdtmf" -> playDtmf(session, request);
            case "atxfer" -> atxfer(session, request);
            default -> session.send(AmiSession.error(request, "Invalid/unknown command: " + action
                    + ". Use Action: ListCommands to show available commands."));
        }
    }

    private void command(AmiSession session, AmiPacket request) {
        String command = request.get("Command");
        if (command == null || command.isBlank()) {
            session.send(AmiSession.error(request, "No command provided"));
        } else if (command.trim().matches("core show version")) {
            session.send(AmiSession.reply(request, "Success").add("Message", "Command output follows")
                    .add("Output", "Asterisk " + SandboxPbx.ASTERISK_VERSION + " built by civicline-sandbox"));
        } else {
            session.send(AmiSession.reply(request, "Success").add("Message", "Command output follows")
                    .add("Output", "No such command '" + command.trim() + "' (type 'core show help "
                            + command.trim() + "' for other possible commands)"));
        }
    }

    private void coreShowChannels(AmiSession session, AmiPacket request) {
        String actionId = request.get("ActionID");
        session.send(AmiSession.reply(request, "Success").add("EventList", "start")
                .add("Message", "Channels will follow"));
        List<SimChannel> live = List.copyOf(pbx.channels());
        for (SimChannel ch : live) {
            AmiPacket item = AmiPacket.event("CoreShowChannel", "call,all");
            if (actionId != null) {
                item.add("ActionID", actionId);
            }
            item.addAll("", ch.snapshot()).add("BridgeId", ch.bridgeId).add("Application", ch.application)
                    .add("ApplicationData", ch.applicationData).add("Duration", duration(ch));
            session.send(item);
        }
        AmiPacket complete = AmiPacket.event("CoreShowChannelsComplete", "call,all");
        if (actionId != null) {
            complete.add("ActionID", actionId);
        }
        session.send(complete.add("EventList", "Complete").add("ListItems", live.size()));
    }

    private void redirect(AmiSession session, AmiPacket request) {
        String name = required(session, request, "Channel", "Channel not specified");
        SimChannel ch = name == null ? null : existing(session, request, name, "Channel specified does not exist");
        String exten = ch == null ? null : required(session, request, "Exten", "Exten not specified");
        if (exten == null) {
            return;
        }
        String context = request.get("Context");
        session.send(AmiSession.reply(request, "Success").add("Message", "Redirect successful"));
        pbx.dialplan().enter(ch, context == null || context.isBlank() ? ch.context : context, exten);
    }

    private void hangup(AmiSession session, AmiPacket request) {
        String name = required(session, request, "Channel", "No channel specified");
        SimChannel ch = name == null ? null : existing(session, request, name, "No such channel");
        if (ch == null) {
            return;
        }
        int cause = parseInt(request.get("Cause"), 16);
        session.send(AmiSession.reply(request, "Success").add("Message", "Channel Hungup"));
        pbx.dialplan().softHangup(ch, cause);
    }

    /** The field's value, or null after answering with Asterisk's error for it missing. */
    private static String required(AmiSession session, AmiPacket request, String key, String missing) {
        String value = request.get(key);
        if (value == null || value.isBlank()) {
            session.send(AmiSession.error(request, missing));
            return null;
        }
        return value;
    }

    /** The live channel, or null after answering with Asterisk's error for an unknown one. */
    private SimChannel existing(AmiSession session, AmiPacket request, String name, String unknown) {
        SimChannel ch = pbx.channel(name);
        if (ch == null) {
            session.send(AmiSession.error(request, unknown));
        }
        return ch;
    }

    private void getvar(AmiSession session, AmiPacket request) {
        String variable = request.get("Variable");
        if (variable == null || variable.isBlank()) {
            session.send(AmiSession.error(request, "No variable specified"));
            return;
        }
        SimChannel ch = pbx.channel(request.get("Channel"));
        if (request.get("Channel") != null && ch == null) {
            session.send(AmiSession.error(request, "No such channel"));
            return;
        }
        String value = ch == null ? "" : ch.variables.getOrDefault(variable, "");
        session.send(AmiSession.reply(request, "Success").add("Variable", variable).add("Value", value));
    }

    private void setvar(AmiSession session, AmiPacket request) {
        String variable = request.get("Variable");
        if (variable == null || variable.isBlank()) {
            session.send(AmiSession.error(request, "No variable specified"));
            return;
        }
        SimChannel ch = pbx.channel(request.get("Channel"));
        if (request.get("Channel") != null && ch == null) {
            session.send(AmiSession.error(request, "No such channel"));
            return;
        }
        if (ch != null) {
            ch.variables.put(variable, request.get("Value") == null ? "" : request.get("Value"));
            pbx.emit(pbx.dialplan().event("VarSet", "dialplan,all", ch).add("Variable", variable)
                    .add("Value", ch.variables.get(variable)));
        }
        session.send(AmiSession.reply(request, "Success").add("Message", "Variable Set"));
    }

    private void atxfer(AmiSession session, AmiPacket request) {
        // Asterisk checks both fields before it looks the channel up.
        String name = required(session, request, "Channel", "No channel specified");
        String exten = name == null ? null : required(session, request, "Exten", "No extension specified");
        SimChannel agent = exten == null ? null : existing(session, request, name, "Channel specified does not exist");
        if (agent == null) {
            return;
        }
        if (agent.peer == null || agent.bridgeId.isEmpty()) {
            session.send(AmiSession.error(request, "Atxfer failed"));
            return;
        }
        session.send(AmiSession.reply(request, "Success").add("Message", "Atxfer successfully queued"));
        pbx.dialplan().attendedTransfer(agent, exten);
    }

    private void playDtmf(AmiSession session, AmiPacket request) {
        SimChannel ch = pbx.channel(request.get("Channel"));
        if (ch == null) {
            session.send(AmiSession.error(request, "Channel not found"));
            return;
        }
        session.send(AmiSession.reply(request, "Success").add("Message", "DTMF successfully queued"));
    }

    /**
     * Originate: the response comes at once when Async, the outcome later as OriginateResponse with the same
     * ActionID. The sandbox answers every PJSIP endpoint at once.
     */
    private void originate(AmiSession session, AmiPacket request) {
        String channel = request.get("Channel");
        if (channel == null || channel.isBlank()) {
            session.send(AmiSession.error(request, "Channel not specified"));
            return;
        }
        String application = request.get("Application");
        String context = request.get("Context");
        String exten = request.get("Exten");
        if ((application == null || application.isBlank()) && (exten == null || exten.isBlank())) {
            session.send(AmiSession.error(request, "Exten not specified"));
            return;
        }
        boolean async = "true".equalsIgnoreCase(request.get("Async")) || "yes".equalsIgnoreCase(request.get("Async"));
        java.util.regex.Matcher local = LOCAL.matcher(channel);
        if (local.matches() && application != null && !application.isBlank()) {
            session.send(AmiSession.reply(request, "Success").add("Message", "Originate successfully queued"));
            String[] cid = callerId(request.get("CallerID"));
            localOriginate.originate(request, local.group(1), local.group(2), cid[0], cid[1]);
            return;
        }
        if (!channel.matches("(?i)PJSIP/[^/]+")) {
            if (async) {
                session.send(AmiSession.reply(request, "Success").add("Message", "Originate successfully queued"));
                pbx.emit(originateResponse(request, "Failure", channel, 0, "<null>"));
            } else {
                session.send(AmiSession.error(request, "Originate failed"));
            }
            return;
        }
        if (async) {
            session.send(AmiSession.reply(request, "Success").add("Message", "Originate successfully queued"));
        }
        String endpoint = channel.substring("PJSIP/".length());
        SimChannel out = pbx.newChannel("PJSIP", endpoint.replace("@", "-at-"), 0,
                context == null ? "default" : context, exten == null ? "s" : exten, null);
        String[] cid = callerId(request.get("CallerID"));
        out.callerIdName = cid[0];
        out.callerIdNum = cid[1];
        for (String variable : request.all("Variable")) {
            int eq = variable.indexOf('=');
            if (eq > 0) {
                out.variables.put(variable.substring(0, eq), variable.substring(eq + 1));
            }
        }
        Dialplan plan = pbx.dialplan();
        pbx.emit(plan.event("Newchannel", "call,all", out));
        // As app_dial's outgoing side does: the dialled channel runs "AppDial2" until the originate completes.
        out.application = "AppDial2";
        out.applicationData = "(Outgoing Line)";
        pbx.emit(plan.event("Newexten", "dialplan,all", out).add("Extension", out.exten)
                .add("Application", out.application).add("AppData", out.applicationData));
        pbx.emit(AmiPacket.event("DialBegin", "call,all").add("Timestamp", pbx.timestamp())
                .addAll("Dest", out.snapshot()).add("DialString", endpoint));
        out.state = 5;
        pbx.emit(plan.event("Newstate", "call,all", out));
        out.state = 6;
        pbx.emit(plan.event("Newstate", "call,all", out));
        pbx.emit(AmiPacket.event("DialEnd", "call,all").add("Timestamp", pbx.timestamp())
                .addAll("Dest", out.snapshot()).add("DialStatus", "ANSWER"));
        pbx.emit(originateResponse(request, "Success", out.name, 4, out.uniqueId)
                .add("CallerIDNum", out.callerIdNum).add("CallerIDName", out.callerIdName));
        if (!async) {
            session.send(AmiSession.reply(request, "Success").add("Message", "Originate successfully queued"));
        }
        if (application != null && !application.isBlank()) {
            if ("Bridge".equalsIgnoreCase(application) && pbx.channel(request.get("Data")) != null) {
                out.application = "Bridge";
                out.applicationData = request.get("Data");
                plan.bridge(out, pbx.channel(request.get("Data")));
            } else if (ChanSpy.APPLICATION.equalsIgnoreCase(application)) {
                chanSpy.run(out, request.get("Data"));
            } else {
                out.application = application;
                out.applicationData = request.get("Data") == null ? "" : request.get("Data");
            }
        } else {
            plan.enter(out, context == null ? "default" : context, exten);
        }
    }

    private AmiPacket originateResponse(AmiPacket request, String result, String channel, int reason, String uniqueId) {
        AmiPacket event = AmiPacket.event("OriginateResponse", "call,all").add("Timestamp", pbx.timestamp());
        if (request.get("ActionID") != null) {
            event.add("ActionID", request.get("ActionID"));
        }
        event.add("Response", result).add("Channel", channel);
        if (request.get("Application") != null) {
            event.add("Application", request.get("Application")).add("Data", request.get("Data"));
        } else {
            event.add("Context", request.get("Context")).add("Exten", request.get("Exten"));
        }
        return event.add("Reason", reason).add("Uniqueid", uniqueId);
    }

    private String duration(SimChannel ch) {
        Duration d = Duration.ofMillis(Math.max(0, pbx.nowMillis() - ch.createdMillis));
        return String.format("%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
