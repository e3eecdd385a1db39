package org.civicline.telephony.sandbox;

/** A call a scripted resident placed into the sandbox PBX: the inbound channel and its ids. */
public record SandboxCall(String channel, String uniqueId, String linkedId) {
}
