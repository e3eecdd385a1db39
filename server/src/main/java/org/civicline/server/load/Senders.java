package org.civicline.server.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A fresh sender for every contact, marked with the run (its start time), so that offers and stored contacts can be
 * matched to what this run sent and never to an earlier run's: app accounts, WeChat openids and message ids, and
 * 11-digit mobile numbers for letters and calls (two digits of the start second: the lost-contact check looks only at
 * contacts received since the run began).
 */
final class Senders {
    private static final long PHONE_SEQUENCES = 10_000_000L;

    private final String run;
    private final String phoneRun;
    private final long messageIdBase;
    private final AtomicLong sequence = new AtomicLong();

    Senders(java.time.Instant start) {
        this.run = Long.toString(start.toEpochMilli(), 36);
        this.phoneRun = String.format("%02d", start.getEpochSecond() % 100);
        this.messageIdBase = start.getEpochSecond() * PHONE_SEQUENCES;
    }

    /** The run's mark, for texts that must differ from every other run's (idempotency keys are built from them). */
    String run() {
        return run;
    }

    /** A WeChat MsgId no other run uses: WeChat's message ids are unique, and CivicLine deduplicates by them. */
    long messageId(long n) {
        return messageIdBase + n;
    }

    long nextSequence() {
        long n = sequence.incrementAndGet();
        if (n >= PHONE_SEQUENCES) {
            throw new IllegalStateException("more than " + PHONE_SEQUENCES + " contacts in one run");
        }
        return n;
    }

    String of(LoadChannel channel, long n) {
        return switch (channel) {
            case APP, OPEN311 -> "load" + run + "-" + n;
            case WECHAT -> "oLoad" + run + "_" + n;
            case MAILBOX, CALL -> "17" + phoneRun + String.format("%07d", n);
        };
    }
}
