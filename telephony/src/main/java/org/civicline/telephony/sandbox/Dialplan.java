package org.civicline.telephony.sandbox;

import java.util.Set;

/**
 * The sample dialplan ({@code config/asterisk/extensions.conf}) as the sandbox runs it, step by step, emitting the
 * events Asterisk 22 emits in the order the recorded transcripts show. Blocking applications (Wait, Dial, MusicOnHold)
 * leave the channel parked until a Redirect, a hangup or an answer moves it on.
 */
final class Dialplan {
    static final String FROM_PSTN = "from-pstn";
    static final String AGENTS = "agents";
    static final String OUTBOUND = "outbound";
    static final String HOLD = "cc-hold";
    static final Set<String> LINES = Set.of("12345", "8890", "12349");
    /** The elderly line goes straight to a human: no menu. */
    static final Set<String> LINES_WITH_MENU = Set.of("12345", "8890");
    static final String RECORDING_DIR = "/var/spool/asterisk/monitor/";

    private final SandboxPbx pbx;

    Dialplan(SandboxPbx pbx) {
        this.pbx = pbx;
    }

    SimChannel inboundCall(String callerNumber, String line, String ivrDigit) {
        SimChannel ch = pbx.newChannel("PJSIP", "trunk", 4, FROM_PSTN, line, null);
        if (callerNumber != null && !callerNumber.isBlank()) {
            ch.callerIdNum = callerNumber;
        }
        ch.ivrDigit = ivrDigit;
        pbx.emit(event("Newchannel", "call,all", ch));
        enter(ch, FROM_PSTN, line);
        return ch;
    }

    /** Runs {@code context,exten,1} on the channel, as after a call arrives, a Redirect or an Originate. */
    void enter(SimChannel ch, String context, String exten) {
        leaveApplication(ch);
        ch.context = context;
        ch.exten = exten;
        if (FROM_PSTN.equals(context) && LINES.contains(exten)) {
            hotline(ch, exten);
        } else if (AGENTS.equals(context) && exten.matches("8\\d{3}")) {
            newexten(ch, 1, "NoOp", "Agent phone " + exten);
            dial(ch, exten, "PJSIP/" + exten + ",30", exten);
        } else if (OUTBOUND.equals(context) && exten.matches("\\+?\\d{3,20}")) {
            newexten(ch, 1, "NoOp", "Outbound call to " + exten);
            dial(ch, "trunk", "PJSIP/" + exten + "@trunk,60", exten);
        } else if (HOLD.equals(context)) {
            newexten(ch, 1, "MusicOnHold", "default");
            pbx.emit(event("MusicOnHoldStart", "call,all", ch).add("Class", "default"));
        } else {
            // Asterisk: "Channel '…' sent to invalid extension … but no invalid handler" → it hangs up.
            hangup(ch, 1);
        }
    }

    private void hotline(SimChannel ch, String line) {
        newexten(ch, 1, "NoOp", "Hotline " + line + " from " + callerIdAll(ch));
        newexten(ch, 2, "Answer", "");
        newstate(ch, 6);
        if (ch.onAnswer != null) {
            Runnable answered = ch.onAnswer;
            ch.onAnswer = null;
            answered.run();
        }
        newexten(ch, 3, "Set", "HOTLINE=" + line);
        varset(ch, "HOTLINE", line);
        String recording = "civicline/" + line + "-" + ch.uniqueId + ".wav";
        newexten(ch, 4, "MixMonitor", recording);
        varset(ch, "MIXMONITOR_FILENAME", RECORDING_DIR + recording);
        if (LINES_WITH_MENU.contains(line)) {
            newexten(ch, 5, "Read", "IVR_CHOICE,civicline/menu,1,,1,5");
            if (SandboxPbx.LISTENS.equals(ch.ivrDigit)) {
                // The resident is still listening to the menu: the channel stays in Read() until a key or a hangup.
                return;
            }
            menuAnswered(ch, ch.ivrDigit);
        } else {
            newexten(ch, 5, "Wait", "600");
        }
    }

    /** Read() returns: with the digit pressed, or empty after its timeout (null); then the caller waits. */
    private void menuAnswered(SimChannel ch, String digit) {
        if (digit != null) {
            dtmf(ch, digit);
            varset(ch, "IVR_CHOICE", digit);
            varset(ch, "READSTATUS", "OK");
        } else {
            varset(ch, "IVR_CHOICE", "");
            varset(ch, "READSTATUS", "TIMEOUT");
        }
        newexten(ch, 6, "Wait", "600");
    }

    /** {@code ${CALLERID(all)}}: {@code "Name" <number>}. */
    static String callerIdAll(SimChannel ch) {
        String name = SimChannel.UNKNOWN.equals(ch.callerIdName) ? "" : ch.callerIdName;
        String number = SimChannel.UNKNOWN.equals(ch.callerIdNum) ? "" : ch.callerIdNum;
        return "\"" + name + "\" <" + number + ">";
    }

    /** {@code Dial()}: a new channel to the callee, which the sandbox answers at once, then a basic bridge. */
    private void dial(SimChannel caller, String peerName, String dialData, String dialString) {
        newexten(caller, 2, "Dial", dialData);
        SimChannel callee = pbx.newChannel("PJSIP", peerName, 0, AGENTS, "s", caller.linkedId);
        callee.callerIdNum = dialString;
        callee.connectedNum = caller.callerIdNum;
        callee.connectedName = caller.callerIdName;
        pbx.emit(event("Newchannel", "call,all", callee));
        caller.peer = callee;
        callee.peer = caller;
        pbx.emit(event("DialBegin", "call,all", caller).addAll("Dest", callee.snapshot()).add("DialString", dialString));
        newstate(callee, 5);
        newstate(callee, 6);
        pbx.emit(event("DialEnd", "call,all", caller).addAll("Dest", callee.snapshot()).add("DialStatus", "ANSWER"));
        bridge(caller, callee);
    }

    /** Puts two answered channels in a basic bridge, as Dial() or the Bridge application does. */
    void bridge(SimChannel a, SimChannel b) {
        leaveApplication(b);
        b.application = "Bridge";
        b.applicationData = a.name;
        String id = pbx.nextBridgeId();
        pbx.emit(bridgeFields(AmiPacket.event("BridgeCreate", "call,all"), id, 0));
        a.bridgeId = id;
        b.bridgeId = id;
        a.peer = b;
        b.peer = a;
        pbx.emit(bridgeFields(AmiPacket.event("BridgeEnter", "call,all"), id, 1).addAll("", a.snapshot()));
        pbx.emit(bridgeFields(AmiPacket.event("BridgeEnter", "call,all"), id, 2).addAll("", b.snapshot()));
        pbx.actions().chanSpy().rescan();
    }

    /** The far end hung up (a BYE from the resident's or the agent's phone). */
    void remoteHangup(SimChannel ch) {
        if (ch.hungUp) {
            return;
        }
        pbx.emit(event("HangupRequest", "call,all", ch).add("Cause", 16));
        hangup(ch, 16);
    }

    /** The AMI Hangup action: a soft hangup of the channel. */
    void softHangup(SimChannel ch, int cause) {
        pbx.emit(event("SoftHangupRequest", "call,all", ch).add("Cause", cause));
        hangup(ch, cause);
    }

    /** A key pressed by the resident: answers the menu if the channel sits in Read(), else just DTMF events. */
    void press(SimChannel ch, String digit) {
        if ("Read".equals(ch.application) && FROM_PSTN.equals(ch.context)) {
            menuAnswered(ch, digit);
        } else {
            dtmf(ch, digit);
        }
    }

    void dtmf(SimChannel ch, String digit) {
        pbx.emit(event("DTMFBegin", "dtmf,all", ch).add("Digit", digit).add("Direction", "Received"));
        pbx.emit(event("DTMFEnd", "dtmf,all", ch).add("Digit", digit).add("DurationMs", 120)
                .add("Direction", "Received"));
    }

    /**
     * Attended transfer (AMI Atxfer) by the agent's channel {@code agent}: the caller stays in the first bridge with
     * music on hold, the agent talks to {@code exten} in a second bridge; the agent hanging up completes the
     * transfer, the target hanging up returns the agent to the caller.
     */
    void attendedTransfer(SimChannel agent, String exten) {
        SimChannel caller = agent.peer;
        String first = agent.bridgeId;
        pbx.emit(bridgeFields(AmiPacket.event("BridgeLeave", "call,all"), first, 1).addAll("", agent.snapshot()));
        agent.bridgeId = "";
        agent.peer = null;
        caller.peer = null;
        agent.transferee = caller;
        pbx.emit(event("MusicOnHoldStart", "call,all", caller).add("Class", "default"));
        SimChannel target = pbx.newChannel("PJSIP", exten, 0, AGENTS, "s", caller.linkedId);
        target.callerIdNum = exten;
        target.connectedNum = agent.callerIdNum;
        pbx.emit(event("Newchannel", "call,all", target));
        pbx.emit(event("DialBegin", "call,all", agent).addAll("Dest", target.snapshot()).add("DialString", exten));
        newstate(target, 5);
        newstate(target, 6);
        pbx.emit(event("DialEnd", "call,all", agent).addAll("Dest", target.snapshot()).add("DialStatus", "ANSWER"));
        bridge(agent, target);
        target.application = "";
    }

    private void completeTransfer(SimChannel agent, int cause) {
        SimChannel caller = agent.transferee;
        SimChannel target = agent.peer;
        String second = agent.bridgeId;
        String first = caller.bridgeId;
        agent.transferee = null;
        agent.hungUp = true;
        pbx.emit(AmiPacket.event("AttendedTransfer", "call,all").add("Timestamp", pbx.timestamp())
                .add("Result", "Success").addAll("OrigTransferer", agent.snapshot())
                .addAll("SecondTransferer", agent.snapshot()).addAll("Transferee", caller.snapshot())
                .addAll("TransferTarget", target.snapshot()).add("DestType", "Bridge")
                .add("DestBridgeUniqueid", first));
        pbx.emit(bridgeFields(AmiPacket.event("BridgeLeave", "call,all"), second, 1).addAll("", agent.snapshot()));
        pbx.actions().chanSpy().spyerEnds(agent);
        pbx.emit(event("Hangup", "call,all", agent).add("Cause", cause).add("Cause-txt", causeText(cause)));
        pbx.removeChannel(agent);
        pbx.actions().chanSpy().channelGone(agent);
        pbx.emit(bridgeFields(AmiPacket.event("BridgeLeave", "call,all"), second, 0).addAll("", target.snapshot()));
        pbx.emit(bridgeFields(AmiPacket.event("BridgeDestroy", "call,all"), second, 0));
        pbx.emit(event("MusicOnHoldStop", "call,all", caller));
        target.bridgeId = first;
        target.peer = caller;
        caller.peer = target;
        pbx.emit(bridgeFields(AmiPacket.event("BridgeEnter", "call,all"), first, 2).addAll("", target.snapshot()));
    }

    /** The consulted party hung up: the agent goes back to the caller on hold. */
    private void backToTransferee(SimChannel agent) {
        SimChannel caller = agent.transferee;
        agent.transferee = null;
        pbx.emit(event("MusicOnHoldStop", "call,all", caller));
        agent.bridgeId = caller.bridgeId;
        agent.peer = caller;
        caller.peer = agent;
        pbx.emit(bridgeFields(AmiPacket.event("BridgeEnter", "call,all"), agent.bridgeId, 2).addAll("", agent.snapshot()));
    }

    void hangup(SimChannel ch, int cause) {
        if (ch.hungUp) {
            return;
        }
        if (ch.transferee != null && !ch.transferee.hungUp && ch.peer != null) {
            completeTransfer(ch, cause);
            return;
        }
        ch.hungUp = true;
        SimChannel peer = ch.peer;
        boolean wasBridged = !ch.bridgeId.isEmpty();
        String bridgeId = ch.bridgeId;
        if (wasBridged) {
            pbx.emit(bridgeFields(AmiPacket.event("BridgeLeave", "call,all"), bridgeId, 1).addAll("", ch.snapshot()));
        }
        if ("MusicOnHold".equals(ch.application)) {
            pbx.emit(event("MusicOnHoldStop", "call,all", ch));
        }
        pbx.actions().chanSpy().spyerEnds(ch);
        pbx.emit(event("Hangup", "call,all", ch).add("Cause", cause).add("Cause-txt", causeText(cause)));
        pbx.removeChannel(ch);
        pbx.actions().chanSpy().channelGone(ch);
        SimChannel partner = ch.localPartner;
        if (partner != null && !partner.hungUp) {
            // As recorded: the other half of a Local pair gets a soft hangup (cause 16) and ends with cause 0.
            pbx.emit(event("SoftHangupRequest", "call,all", partner).add("Cause", 16));
            hangup(partner, 0);
        }
        if (peer != null && !peer.hungUp) {
            peer.peer = null;
            peer.bridgeId = "";
            if (wasBridged) {
                pbx.emit(bridgeFields(AmiPacket.event("BridgeLeave", "call,all"), bridgeId, 0)
                        .addAll("", peer.snapshot()));
                pbx.emit(bridgeFields(AmiPacket.event("BridgeDestroy", "call,all"), bridgeId, 0));
            }
            if (peer.transferee != null && !peer.transferee.hungUp) {
                backToTransferee(peer);
            } else if (peer.application.equals("Dial")) {
                // The callee left: Dial() returns and the caller runs the next priority, Hangup().
                newexten(peer, 3, "Hangup", "");
                hangup(peer, cause);
            } else if (!peer.application.equals("Wait") && !peer.application.equals("MusicOnHold")) {
                hangup(peer, cause);
            }
        }
    }

    /** The channel stops what it was doing before a Redirect: it leaves its bridge and its callee hangs up. */
    private void leaveApplication(SimChannel ch) {
        if ("MusicOnHold".equals(ch.application)) {
            pbx.emit(event("MusicOnHoldStop", "call,all", ch));
        }
        SimChannel peer = ch.peer;
        if (peer == null) {
            return;
        }
        String bridgeId = ch.bridgeId;
        ch.peer = null;
        ch.bridgeId = "";
        peer.peer = null;
        if (!bridgeId.isEmpty()) {
            pbx.emit(bridgeFields(AmiPacket.event("BridgeLeave", "call,all"), bridgeId, 1).addAll("", ch.snapshot()));
            peer.bridgeId = "";
            pbx.emit(bridgeFields(AmiPacket.event("BridgeLeave", "call,all"), bridgeId, 0).addAll("", peer.snapshot()));
            pbx.emit(bridgeFields(AmiPacket.event("BridgeDestroy", "call,all"), bridgeId, 0));
        }
        if ("Dial".equals(ch.application) || !"Dial".equals(peer.application)) {
            // The dialled side ends with the dialling side's Dial(); a caller taken out of a bridge survives.
            if (!peer.application.equals("Wait")) {
                hangup(peer, 16);
            }
        }
    }

    private void newexten(SimChannel ch, int priority, String app, String data) {
        ch.priority = priority;
        ch.application = app;
        ch.applicationData = data;
        pbx.emit(event("Newexten", "dialplan,all", ch).add("Extension", ch.exten).add("Application", app)
                .add("AppData", data));
    }

    private void newstate(SimChannel ch, int state) {
        ch.state = state;
        pbx.emit(event("Newstate", "call,all", ch));
    }

    private void varset(SimChannel ch, String name, String value) {
        ch.variables.put(name, value);
        pbx.emit(event("VarSet", "dialplan,all", ch).add("Variable", name).add("Value", value));
    }

    AmiPacket event(String name, String privilege, SimChannel ch) {
        return AmiPacket.event(name, privilege).add("Timestamp", pbx.timestamp()).addAll("", ch.snapshot());
    }

    private AmiPacket bridgeFields(AmiPacket event, String bridgeId, int numChannels) {
        return event.add("Timestamp", pbx.timestamp()).add("BridgeUniqueid", bridgeId).add("BridgeType", "basic")
                .add("BridgeTechnology", "simple_bridge").add("BridgeCreator", "<unknown>")
                .add("BridgeName", "<unknown>").add("BridgeNumChannels", numChannels)
                .add("BridgeVideoSourceMode", "none");
    }

    static String causeText(int cause) {
        return switch (cause) {
            case 0 -> "Unknown";
            case 1 -> "Unallocated (unassigned) number";
            case 16 -> "Normal Clearing";
            case 17 -> "User busy";
            case 19 -> "No user responding";
            case 21 -> "Call Rejected";
            default -> "Unknown";
        };
    }
}
