package org.civicline.routing.alarm;

import java.time.Instant;

/**
 * What a device gateway posts to {@code /api/devices/alarms}.
 *
 * @param eventId the gateway's own id of this report, so a retried post is the same alarm (optional)
 * @param at      when the device raised it
 */
public record AlarmReport(String deviceId, AlarmType type, Instant at, Double longitude, Double latitude,
                          String eventId) {
}
