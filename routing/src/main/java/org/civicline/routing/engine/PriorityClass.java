package org.civicline.routing.engine;

import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;
import org.civicline.routing.config.PriorityClassConfig;

/**
 * The classes of the one queue, most urgent first: one-touch alarm / emergency > 12349 elderly > voice > callbacks >
 * chat > SMS > letters. Each class ages at its own rate (see {@link PriorityClassConfig}).
 */
public enum PriorityClass {
    ALARM(0, 10),
    ELDERLY(100, 10),
    VOICE(200, 1),
    CALLBACK(250, 1),
    CHAT(300, 1),
    SMS(400, 0.5),
    LETTER(500, 0.1);

    private final PriorityClassConfig defaults;

    PriorityClass(double base, double agingPerMinute) {
        this.defaults = new PriorityClassConfig(base, agingPerMinute);
    }

    public PriorityClassConfig defaults() {
        return defaults;
    }

    public static PriorityClass of(Channel channel, Priority priority, boolean callback) {
        if (priority == Priority.EMERGENCY || channel == Channel.ONE_TOUCH) {
            return ALARM;
        }
        if (callback) {
            return CALLBACK;
        }
        return switch (channel) {
            case ELDER_12349 -> ELDERLY;
            case HOTLINE_12345, HOTLINE_8890 -> VOICE;
            case WECHAT -> CHAT;
            case SMS -> SMS;
            case APP, MAILBOX, OPEN311 -> LETTER;
            case ONE_TOUCH -> ALARM;
        };
    }
}
