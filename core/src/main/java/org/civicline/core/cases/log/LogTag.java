package org.civicline.core.cases.log;

import java.util.Optional;
import org.civicline.core.workflow.CaseEvent;

/**
 * Log entries that do not move a case: they keep its state ({@code from == to}) and carry their tag as the reason,
 * so the audit trail holds every reminder, extension and follow-up attempt beside the transitions.
 */
public enum LogTag {
    REMINDER("催办"),
    SUPERVISION("督办"),
    ACCEPT_OVERDUE("超时未签收"),
    VERIFICATION_OVERDUE("核查超时"),
    EXTENSION_REQUESTED("申请延期"),
    EXTENSION_APPROVED("延期已批准"),
    EXTENSION_REFUSED("延期未批准"),
    FOLLOW_UP_SENT("回访已发送"),
    FOLLOW_UP_CALLBACK("回访电话任务"),
    FOLLOW_UP_SKIPPED("不回访"),
    FOLLOW_UP_ATTEMPT("回访未接通"),
    RESIDENT_NOTIFIED("告知市民"),
    /** On a main case: the number of a case merged into it (the note's text). */
    MERGED_IN("并入工单");

    private final String chinese;

    LogTag(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** The tag of a note entry; empty for transitions and untagged entries. */
    public static Optional<LogTag> of(CaseEvent event) {
        if (event.from() != event.to() || event.reason() == null) {
            return Optional.empty();
        }
        for (LogTag tag : values()) {
            if (tag.name().equals(event.reason())) {
                return Optional.of(tag);
            }
        }
        return Optional.empty();
    }

    public boolean marks(CaseEvent event) {
        return of(event).filter(this::equals).isPresent();
    }
}
