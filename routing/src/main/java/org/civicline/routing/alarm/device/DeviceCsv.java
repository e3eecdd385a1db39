package org.civicline.routing.alarm.device;

import java.util.ArrayList;
import java.util.List;
import org.civicline.core.cases.ValidationException.Problem;
import org.civicline.core.model.GeoPoint;

/**
 * Reads devices from CSV (RFC 4180 quoting), one per line after this header:
 * <pre>deviceId,simNumber,residentName,address,longitude,latitude,healthNotes,emergencyContacts,gridWorkerId</pre>
 * optionally followed by {@code ,birthYear}. {@code emergencyContacts} is {@code name:relation:phone} items separated by {@code |}. Problems name the line and
 * the field.
 */
public final class DeviceCsv {
    public static final List<String> HEADER = List.of("deviceId", "simNumber", "residentName", "address", "longitude",
            "latitude", "healthNotes", "emergencyContacts", "gridWorkerId");
    /** The header with the optional last column. */
    public static final List<String> HEADER_WITH_BIRTH_YEAR = java.util.stream.Stream.concat(HEADER.stream(),
            java.util.stream.Stream.of("birthYear")).toList();
    public static final int MAX_ROWS = 10_000;

    private DeviceCsv() {
    }

    /** Devices read, and problems as {@code line N: field: message}. */
    public record Parsed(List<Device> devices, List<Problem> problems) {
    }

    public static Parsed parse(String text) {
        List<List<String>> rows = rows(text.startsWith("\uFEFF") ? text.substring(1) : text);
        List<Problem> problems = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        List<String> header = rows.isEmpty() ? List.of() : rows.get(0).stream().map(String::strip).toList();
        if (!header.equals(HEADER) && !header.equals(HEADER_WITH_BIRTH_YEAR)) {
            problems.add(new Problem("line 1", "expected the header " + String.join(",", HEADER)
                    + " (optionally followed by ,birthYear)"));
            return new Parsed(devices, problems);
        }
        if (rows.size() - 1 > MAX_ROWS) {
            problems.add(new Problem("file", "at most " + MAX_ROWS + " devices per import, got " + (rows.size() - 1)));
            return new Parsed(devices, problems);
        }
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            String line = "line " + (i + 1);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != header.size()) {
                problems.add(new Problem(line, "expected " + header.size() + " fields, got " + row.size()));
                continue;
            }
            Device device = device(row, line, problems);
            if (device != null) {
                DeviceValidation.problems(device).forEach(p -> problems.add(new Problem(line + ": " + p.field(),
                        p.message())));
                devices.add(device);
            }
        }
        return new Parsed(devices, problems);
    }

    private static Device device(List<String> row, String line, List<Problem> problems) {
        Integer birthYear = null;
        if (row.size() > HEADER.size() && !row.get(HEADER.size()).isBlank()) {
            try {
                birthYear = Integer.valueOf(row.get(HEADER.size()).strip());
            } catch (NumberFormatException e) {
                problems.add(new Problem(line + ": birthYear", "expected a year such as 1942, got '"
                        + row.get(HEADER.size()) + "'"));
                return null;
            }
        }
        GeoPoint location;
        try {
            location = new GeoPoint(Double.parseDouble(row.get(4).strip()), Double.parseDouble(row.get(5).strip()));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(line + ": longitude/latitude", "expected degrees, got '" + row.get(4) + "', '"
                    + row.get(5) + "'"));
            return null;
        }
        List<Device.EmergencyContact> contacts = new ArrayList<>();
        for (String item : row.get(7).split("\\|")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.split(":", -1);
            if (parts.length != 3) {
                problems.add(new Problem(line + ": emergencyContacts", "expected name:relation:phone, got '"
                        + (item.length() > 60 ? item.substring(0, 60) + "…" : item) + "'"));
                return null;
            }
            contacts.add(new Device.EmergencyContact(parts[0].strip(), parts[1].strip(), parts[2].strip()));
        }
        return new Device(row.get(0).strip(), row.get(1).strip(), row.get(2).strip(), row.get(3).strip(), location,
                blankToNull(row.get(6)), contacts, blankToNull(row.get(8)), birthYear);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Splits CSV text into rows of fields; quoted fields may hold commas, quotes ("") and line breaks. */
    static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
