package org.civicline.telephony.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One AMI packet: {@code Key: Value} lines in order, ended by an empty line. Keys compare case-insensitively
 * (Asterisk-Java sends them in lower case) and may repeat ({@code Variable}).
 */
public final class AmiPacket {
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    public static AmiPacket response(String result) {
        return new AmiPacket().add("Response", result);
    }

    public static AmiPacket event(String name, String privilege) {
        return new AmiPacket().add("Event", name).add("Privilege", privilege);
    }

    public AmiPacket add(String key, Object value) {
        fields.add(Map.entry(key, value == null ? "" : value.toString()));
        return this;
    }

    /** Adds every field of {@code other} with {@code prefix} before the key (the {@code Dest…} snapshot). */
    public AmiPacket addAll(String prefix, AmiPacket other) {
        other.fields.forEach(f -> add(prefix + f.getKey(), f.getValue()));
        return this;
    }

    /** The first value of {@code key}, or null. */
    public String get(String key) {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase(key)) {
                return f.getValue();
            }
        }
        return null;
    }

    public List<String> all(String key) {
        return fields.stream().filter(f -> f.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue).toList();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public String toWire() {
        StringBuilder out = new StringBuilder(32 * fields.size() + 2);
        for (Map.Entry<String, String> f : fields) {
            out.append(f.getKey()).append(": ").append(f.getValue()).append("\r\n");
        }
        return out.append("\r\n").toString();
    }

    @Override
    public String toString() {
        return toWire();
    }
}
