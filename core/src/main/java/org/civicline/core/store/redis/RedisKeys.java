package org.civicline.core.store.redis;

/**
 * Every key CivicLine writes, under one prefix so deployments (and tests) sharing a Redis stay apart. Scripts that
 * must derive a key from stored data (a citizen's old addresses) get the prefix and build it the same way.
 */
record RedisKeys(String prefix) {
    static final String DEFAULT_PREFIX = "cl:";

    RedisKeys {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("a Redis key prefix is required, e.g. " + DEFAULT_PREFIX);
        }
    }

    String contact(String id) {
        return prefix + "contact:" + id;
    }

    String contactKey(String idempotencyKey) {
        return prefix + "contact-key:" + idempotencyKey;
    }

    /** A sorted set of the contact ids from one channel address, scored by arrival millis. */
    String contactsBySender(String sender) {
        return prefix + "contacts-by-sender:" + sender;
    }

    /** A sorted set of one resident's case numbers, scored like {@link #caseIndex()}. */
    String casesByCitizen(String citizenId) {
        return prefix + "cases-by-citizen:" + citizenId;
    }

    String caseDetails(String number) {
        return prefix + "case:" + number;
    }

    String caseLog(String number) {
        return prefix + "case-log:" + number;
    }

    /** The numbers of the cases created or changed on a UTC day (a set, yyyyMMdd). */
    String casesTouched(String day) {
        return prefix + "cases-touched:" + day;
    }

    /** The numbers of the open cases (a set). */
    String openCases() {
        return prefix + "cases-open";
    }

    /** The numbers of the open cases assigned to {@code assignee} (a set). */
    String openCasesOf(String assignee) {
        return prefix + "cases-open-of:" + assignee;
    }

    String caseIndex() {
        return prefix + "cases";
    }

    String caseSequence(String day) {
        return prefix + "case-seq:" + day;
    }

    String citizen(String id) {
        return prefix + "citizen:" + id;
    }

    /** Prefix of the citizen address indexes; the address kind and value follow, e.g. {@code phone:138…}. */
    String citizenIndexPrefix() {
        return prefix + "citizen-by-";
    }

    String citizenIndex(String kind, String value) {
        return citizenIndexPrefix() + kind + ":" + value;
    }

    String reference(String kind) {
        return prefix + "ref:" + kind;
    }

    String queue() {
        return prefix + "queue";
    }

    /** Contacts agents finished lately: a sorted set of contact ids by finish millis. */
    String queueFinished() {
        return prefix + "queue-finished";
    }

    /** Due timers: a sorted set of ids by due millis, and a hash of id → timer JSON. */
    String timers() {
        return prefix + "timers";
    }

    String timerData() {
        return prefix + "timer-data";
    }

    /** A singleton's fencing-token counter. */
    String fence(String singleton) {
        return prefix + "fence:" + singleton;
    }

    /** A singleton's lease: the holder's name, expiring unless renewed. */
    String fenceHolder(String singleton) {
        return prefix + "fence-holder:" + singleton;
    }
}
