package org.civicline.routing.stats;

/** The counts of one channel in one interval; the figures of the README's definitions are derived from them. */
final class IntervalCounters {
    long offered;
    long answered;
    long answeredWithinTarget;
    long abandoned;
    long waitMillisOfAnswered;
    long handled;
    long handleMillis;
    long wrapUpMillis;
    long serviceLevelSeconds;

    void add(IntervalCounters o) {
        offered += o.offered;
        answered += o.answered;
        answeredWithinTarget += o.answeredWithinTarget;
        abandoned += o.abandoned;
        waitMillisOfAnswered += o.waitMillisOfAnswered;
        handled += o.handled;
        handleMillis += o.handleMillis;
        wrapUpMillis += o.wrapUpMillis;
        serviceLevelSeconds = Math.max(serviceLevelSeconds, o.serviceLevelSeconds);
    }
}
