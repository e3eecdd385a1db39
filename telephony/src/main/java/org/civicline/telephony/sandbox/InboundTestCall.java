package org.civicline.telephony.sandbox;

import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;

/**
 * A resident's call placed from outside over AMI, the way one places a test call on a real Asterisk: Originate to
 * {@code Local/<line>@from-pstn} with {@code Application: Wait}. The {@code ;2} half runs the hotline's dialplan
 * (menu, queue) and becomes the voice contact; the {@code ;1} half waits {@code holdSeconds}, then hangs up and takes
 * the call with it, as a resident who gives up. Works on the sandbox PBX (in process or {@link SandboxPbxMain}) and
 * on an Asterisk set up with {@code config/asterisk/extensions.conf}; load tools and process tests use it.
 */
public final class InboundTestCall {
    /** The sample dialplan's context for calls from the public network. */
    public static final String HOTLINE_CONTEXT = "from-pstn";

    private InboundTestCall() {
    }

    /**
     * The Originate for a call from {@code callerNumber} (null: withheld) to {@code line} (e.g. 12345). Send it with
     * any AMI client; the {@code OriginateResponse} event with the same ActionID names the {@code ;1} channel.
     */
    public static OriginateAction originate(String line, String callerNumber, int holdSeconds) {
        if (line == null || !line.matches("\\d{3,8}")) {
            throw new IllegalArgumentException("line: expected 3 to 8 digits, got '" + line + "'");
        }
        if (holdSeconds < 1) {
            throw new IllegalArgumentException("holdSeconds: expected at least 1, got " + holdSeconds);
        }
        OriginateAction originate = new OriginateAction();
        originate.setChannel("Local/" + line + "@" + HOTLINE_CONTEXT);
        originate.setApplication("Wait");
        originate.setData(String.valueOf(holdSeconds));
        originate.setCallerId(callerNumber == null ? "\"Anonymous\" <>" : "\"Resident\" <" + callerNumber + ">");
        originate.setAsync(true);
        return originate;
    }

    /** The resident hangs up before {@code holdSeconds}: hang up the {@code ;1} channel the response named. */
    public static HangupAction hangUp(String localChannel) {
        return new HangupAction(localChannel);
    }
}
