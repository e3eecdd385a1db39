package org.civicline.routing.alarm.device;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.cases.ValidationException.Problem;

/** Checks a device record, naming each wrong field; hostile input is bounded in size everywhere. */
public final class DeviceValidation {
    public static final int MAX_CONTACTS = 5;
    static final String ID = "[A-Za-z0-9_-]{3,40}";
    static final String PHONE = "\\+?[0-9]{5,15}";

    private DeviceValidation() {
    }

    public static List<Problem> problems(Device d) {
        List<Problem> problems = new ArrayList<>();
        if (d.deviceId() == null || !d.deviceId().matches(ID)) {
            problems.add(new Problem("deviceId", "expected 3 to 40 letters, digits, '-' or '_'"));
        }
        if (d.simNumber() == null || !d.simNumber().matches(PHONE)) {
            problems.add(new Problem("simNumber", "expected a phone number of 5 to 15 digits"));
        }
        text(problems, "residentName", d.residentName(), 1, 50);
        text(problems, "address", d.address(), 1, 200);
        if (d.location() == null) {
            problems.add(new Problem("location", "is required: where the resident lives, for the nearest worker"));
        }
        if (d.healthNotes() != null && d.healthNotes().length() > 500) {
            problems.add(new Problem("healthNotes", "is longer than 500 characters"));
        }
        if (d.emergencyContacts().isEmpty() || d.emergencyContacts().size() > MAX_CONTACTS) {
            problems.add(new Problem("emergencyContacts", "list 1 to " + MAX_CONTACTS + " people to tell"));
        }
        for (int i = 0; i < Math.min(d.emergencyContacts().size(), MAX_CONTACTS); i++) {
            Device.EmergencyContact c = d.emergencyContacts().get(i);
            String at = "emergencyContacts[" + i + "]";
            if (c == null) {
                problems.add(new Problem(at, "is empty"));
                continue;
            }
            text(problems, at + ".name", c.name(), 1, 50);
            if (c.relation() != null && c.relation().length() > 20) {
                problems.add(new Problem(at + ".relation", "is longer than 20 characters"));
            }
            if (c.phone() == null || !c.phone().matches(PHONE)) {
                problems.add(new Problem(at + ".phone", "expected a phone number of 5 to 15 digits"));
            }
        }
        if (d.birthYear() != null && (d.birthYear() < 1900 || d.birthYear() > java.time.Year.now().getValue())) {
            problems.add(new Problem("birthYear", "expected a year of birth between 1900 and this year"));
        }
        if (d.gridWorkerId() != null && !d.gridWorkerId().matches("[A-Za-z0-9_.-]{1,40}")) {
            problems.add(new Problem("gridWorkerId", "expected a grid worker id"));
        }
        return problems;
    }

    private static void text(List<Problem> problems, String field, String value, int min, int max) {
        if (value == null || value.isBlank() || value.length() < min || value.length() > max) {
            problems.add(new Problem(field, "expected " + min + " to " + max + " characters"));
        }
    }
}
