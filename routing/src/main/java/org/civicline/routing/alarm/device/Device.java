package org.civicline.routing.alarm.device;

import java.util.List;
import org.civicline.core.model.GeoPoint;

/**
 * A one-touch alarm device (一键通) and the elderly resident who holds it.
 *
 * @param simNumber         the device's SIM: its calls to 12349 are alarms
 * @param emergencyContacts family and neighbours told by SMS when the device raises an alarm
 * @param gridWorkerId      the grid worker who looks after the resident (care tasks go to them)
 * @param birthYear         the resident's year of birth, when known (the agent sees the age)
 */
public record Device(String deviceId, String simNumber, String residentName, String address, GeoPoint location,
                     String healthNotes, List<EmergencyContact> emergencyContacts, String gridWorkerId,
                     Integer birthYear) {

    public Device {
        emergencyContacts = emergencyContacts == null ? List.of() : List.copyOf(emergencyContacts);
    }

    /** Someone to tell. */
    public record EmergencyContact(String name, String relation, String phone) {
    }

    /** What the agent sees with the alarm offer: who, where, what to know. */
    public String profile() {
        return residentName + "｜" + address + (healthNotes == null || healthNotes.isBlank() ? ""
                : "｜健康: " + healthNotes) + "｜紧急联系人: " + emergencyContacts.stream()
                .map(c -> c.name() + "(" + c.relation() + ") " + c.phone()).toList();
    }
}
