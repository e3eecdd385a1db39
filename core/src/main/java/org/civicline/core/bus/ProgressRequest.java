package org.civicline.core.bus;

/**
 * A resident asks how their case is going, by case number and the phone it was registered with (or, from a channel
 * that already knows the resident's phone, that phone).
 */
public record ProgressRequest(String number, String phone) {
}
