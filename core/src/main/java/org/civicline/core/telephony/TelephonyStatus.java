package org.civicline.core.telephony;

/**
 * The PBX connection as the node holding it sees it: for operators, health checks and the wallboard.
 *
 * @param queuedP99Millis p99 of Newchannel → contact queued since start
 */
public record TelephonyStatus(String node, String pbx, boolean connected, int liveCalls, int queuedSinceStart,
                              double queuedP99Millis, long amiEventsReceived) {
}
