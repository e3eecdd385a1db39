package org.civicline.telephony.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** One simulated Asterisk channel: the fields of the AMI channel snapshot plus what the simulation needs. */
final class SimChannel {
    static final String UNKNOWN = "<unknown>";

    final String name;
    final String uniqueId;
    final String linkedId;
    final long createdMillis;
    final Map<String, String> variables = new LinkedHashMap<>();
    int state;
    String callerIdNum = UNKNOWN;
    String callerIdName = UNKNOWN;
    String connectedNum = UNKNOWN;
    String connectedName = UNKNOWN;
    String context;
    String exten;
    int priority = 1;
    String application = "";
    String applicationData = "";
    /** The channel bridged with this one (or being dialled by it), if any. */
    SimChannel peer;
    String bridgeId = "";
    /** While this (agent) channel consults a third party: the caller waiting on hold in the first bridge. */
    SimChannel transferee;
    /** A digit the scripted caller will press when the IVR asks (null: lets it time out). */
    String ivrDigit;
    boolean hungUp;
    /** The other half of a Local channel pair (";1" ↔ ";2"): when one half goes, so does the other. */
    SimChannel localPartner;
    /** The channel this one listens to while it runs ChanSpy (a supervisor's), if any. */
    SimChannel spying;
    /** Runs once the dialplan answers the channel (a Local pair's originate completes then). */
    Runnable onAnswer;

    SimChannel(String name, String uniqueId, String linkedId, long createdMillis, int state, String context,
               String exten) {
        this.name = name;
        this.uniqueId = uniqueId;
        this.linkedId = linkedId;
        this.createdMillis = createdMillis;
        this.state = state;
        this.context = context;
        this.exten = exten;
    }

    static String stateDesc(int state) {
        return switch (state) {
            case 0 -> "Down";
            case 1 -> "Rsrvd";
            case 2 -> "OffHook";
            case 3 -> "Dialing";
            case 4 -> "Ring";
            case 5 -> "Ringing";
            case 6 -> "Up";
            case 7 -> "Busy";
            default -> "Unknown";
        };
    }

    /** The snapshot fields, in the order Asterisk 22 sends them. */
    AmiPacket snapshot() {
        return new AmiPacket()
                .add("Channel", name)
                .add("ChannelState", state)
                .add("ChannelStateDesc", stateDesc(state))
                .add("CallerIDNum", callerIdNum)
                .add("CallerIDName", callerIdName)
                .add("ConnectedLineNum", connectedNum)
                .add("ConnectedLineName", connectedName)
                .add("Language", "en")
                .add("AccountCode", "")
                .add("Context", context)
                .add("Exten", exten)
                .add("Priority", priority)
                .add("Uniqueid", uniqueId)
                .add("Linkedid", linkedId);
    }
}
