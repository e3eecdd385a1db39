package org.civicline.agentui.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The repeat-caller flag (重复来电) on the desk: the resident keeps coming back, so the agent should look at what
 * happened before instead of starting afresh.
 *
 * <p>Rule: counting this contact, the same address (phone number or WeChat openid) reached us
 * <ul>
 *   <li>{@value #MANY} or more times within {@value #WINDOW_DAYS} days, whatever the cases; or</li>
 *   <li>{@value #SOME} or more times within {@value #WINDOW_DAYS} days while one of the resident's cases is still
 *       open (the second call about a problem not yet solved).</li>
 * </ul>
 */
public final class RepeatCaller {
    static final int WINDOW_DAYS = 30;
    static final int SOME = 2;
    static final int MANY = 3;

    /** The flag and what it rests on; {@code reason} is the line the desk shows, null when not a repeat. */
    public record Verdict(boolean repeat, int contactsInWindow, List<String> openCases, String reason) {
    }

    private RepeatCaller() {
    }

    /**
     * @param arrivals  when each of the address's contacts arrived, this one included
     * @param openCases numbers of the resident's cases that are still open
     */
    public static Verdict judge(Collection<Instant> arrivals, List<String> openCases, Instant now) {
        Instant since = now.minus(Duration.ofDays(WINDOW_DAYS));
        int recent = (int) arrivals.stream().filter(at -> !at.isBefore(since) && !at.isAfter(now)).count();
        if (recent >= MANY) {
            return new Verdict(true, recent, openCases, WINDOW_DAYS + " 天内第 " + recent + " 次联系");
        }
        if (recent >= SOME && !openCases.isEmpty()) {
            return new Verdict(true, recent, openCases, WINDOW_DAYS + " 天内第 " + recent + " 次联系，工单 "
                    + openCases.get(0) + " 尚未办结");
        }
        return new Verdict(false, recent, openCases, null);
    }
}
