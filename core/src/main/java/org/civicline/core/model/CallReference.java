package org.civicline.core.model;

/** Identifies a call inside the PBX: Asterisk's Uniqueid/Linkedid (or a Twilio CallSid) and the hotline number dialled. */
public record CallReference(String uniqueId, String linkedId, String line, String ivrChoice) {
}
