package org.civicline.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.asteriskjava.manager.event.BridgeCreateEvent;
import org.asteriskjava.manager.event.BridgeDestroyEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.ChanSpyStopEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewCallerIdEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.Test;

/**
 * The filter asked of the PBX lets through every event the tracker and listen-in read, and Asterisk-Java's own bridge
 * bookkeeping (it names an event's class after the event, case aside), and keeps out the chatter they ignore.
 */
class AmiEventFilterTest {
    private static final List<Class<? extends ManagerEvent>> READ = List.of(NewChannelEvent.class,
            NewCallerIdEvent.class, NewExtenEvent.class, VarSetEvent.class, BridgeCreateEvent.class,
            BridgeEnterEvent.class, BridgeLeaveEvent.class, BridgeDestroyEvent.class, HangupEvent.class, DtmfEndEvent.class,
            OriginateResponseEvent.class, ChanSpyStartEvent.class, ChanSpyStopEvent.class);

    @Test
    void everyEventTheTrackerReadsPasses() {
        Pattern filter = Pattern.compile(AmiEventFilter.WHITELIST, Pattern.CASE_INSENSITIVE);
        for (Class<? extends ManagerEvent> type : READ) {
            String name = type.getSimpleName().replaceFirst("Event$", "");
            assertThat(filter.matcher("Event: " + name + "\r\nPrivilege: call,all\r\n").find())
                    .as("%s passes", name).isTrue();
        }
    }

    @Test
    void theChatterIsLeftOut() {
        Pattern filter = Pattern.compile(AmiEventFilter.WHITELIST);
        for (String name : List.of("Newstate", "DialBegin", "DialEnd", "MusicOnHoldStart", "MusicOnHoldStop",
                "NewConnectedLine", "DTMFBegin", "LocalBridge", "SoftHangupRequest", "RTCPSent")) {
            assertThat(filter.matcher("Event: " + name + "\r\nPrivilege: call,all\r\n").find())
                    .as("%s is left out", name).isFalse();
        }
    }
}
