package org.civicline.telephony.sandbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ChanSpy(spec,options)} on an answered channel, as Asterisk's app_chanspy runs it for a supervisor: it spies
 * on the first live channel whose name starts with {@code spec} (case-insensitive, the spyer itself excluded) and
 * announces it with ChanSpyStart; when that channel goes, ChanSpyStop. Option {@code S} ends the application — and
 * with it the originated channel — as soon as there is nothing (left) to spy on; without it the spyer waits, as
 * Asterisk's does. Option {@code q} (no beep, no name spoken) changes nothing the AMI shows.
 */
final class ChanSpy {
    static final String APPLICATION = "ChanSpy";

    private final SandboxPbx pbx;
    /** The channels running ChanSpy now: bridges and hang-ups look at these only, not at every live channel. */
    private final Set<SimChannel> spyers = new LinkedHashSet<>();

    ChanSpy(SandboxPbx pbx) {
        this.pbx = pbx;
    }

    /** Starts the application on {@code spyer}, an answered channel. */
    void run(SimChannel spyer, String data) {
        spyer.application = APPLICATION;
        spyer.applicationData = data == null ? "" : data;
        spyers.add(spyer);
        scan(spyer);
    }

    /** A spying channel is hanging up: its spy stops first. */
    void spyerEnds(SimChannel spyer) {
        spyers.remove(spyer);
        if (spyer.spying != null) {
            pbx.emit(spyEvent("ChanSpyStop", spyer, spyer.spying.hungUp ? null : spyer.spying));
            spyer.spying = null;
        }
    }

    /** A channel ended: every spyer listening to it stops, then looks for another channel or ends. */
    void channelGone(SimChannel gone) {
        if (spyers.isEmpty()) {
            return;
        }
        for (SimChannel spyer : List.copyOf(spyers)) {
            if (spyer.spying == gone && !spyer.hungUp) {
                spyer.spying = null;
                pbx.emit(spyEvent("ChanSpyStop", spyer, null));
                scan(spyer);
            }
        }
    }

    /** Asterisk's spyers look for a channel every 100 ms; the sandbox looks when calls are connected. */
    void rescan() {
        if (spyers.isEmpty()) {
            return;
        }
        for (SimChannel spyer : List.copyOf(spyers)) {
            if (APPLICATION.equals(spyer.application) && spyer.spying == null && !spyer.hungUp) {
                scan(spyer);
            }
        }
    }

    private void scan(SimChannel spyer) {
        String spec = spec(spyer.applicationData);
        SimChannel spyee = pbx.channels().stream()
                .filter(ch -> ch != spyer && !ch.hungUp && ch.spying == null && !spec.isEmpty()
                        && ch.name.toLowerCase(Locale.ROOT).startsWith(spec.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
        if (spyee != null) {
            spyer.spying = spyee;
            pbx.emit(spyEvent("ChanSpyStart", spyer, spyee));
        } else if (options(spyer.applicationData).contains("S")) {
            // Nothing to spy on and told to stop: the application returns and the originated channel is hung up.
            pbx.dialplan().hangup(spyer, 16);
        }
    }

    private AmiPacket spyEvent(String name, SimChannel spyer, SimChannel spyee) {
        AmiPacket event = AmiPacket.event(name, "call,all").add("Timestamp", pbx.timestamp())
                .addAll("Spyer", spyer.snapshot());
        return spyee == null ? event : event.addAll("Spyee", spyee.snapshot());
    }

    static String spec(String data) {
        String spec = data == null ? "" : data.split(",", 2)[0].trim();
        // "all" (or nothing) spies on any channel in Asterisk; the sandbox's supervisors always name one.
        return "all".equalsIgnoreCase(spec) ? "" : spec;
    }

    static String options(String data) {
        String[] parts = data == null ? new String[0] : data.split(",", 2);
        return parts.length < 2 ? "" : parts[1].trim();
    }
}
