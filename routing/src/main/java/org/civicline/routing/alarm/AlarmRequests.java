package org.civicline.routing.alarm;

import org.civicline.routing.alarm.device.Device;

/** The alarm desk's local requests, carried as JSON text from the HTTP routes. */
public final class AlarmRequests {
    private AlarmRequests() {
    }

    public static final String RAISE = "civicline.alarms.local.raise";
    public static final String DEVICES = "civicline.alarms.local.devices";
    public static final String QUERY = "civicline.alarms.local.query";
    /** Local: run the escalations now due (the clock may have been moved). */
    public static final String TICK = "civicline.alarms.local.tick";

    /** An authenticated gateway's report. */
    public record Raise(String gateway, AlarmReport report) {
    }

    /** Registry operations; {@code csv} for IMPORT. */
    public record DeviceCommand(Op op, String id, Device device, String csv) {
        public enum Op { LIST, GET, CREATE, REPLACE, DELETE, IMPORT }
    }

    /** {@code kind}: alarm (by id), open (every open alarm), profile (by SIM number). */
    public record Query(String kind, String id) {
    }
}
