package org.civicline.core.workflow;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The case workflow (工单流转). Each state lists the states it may move to; {@link CaseWorkflow} refuses anything else.
 *
 * <pre>
 * RECEIVED → REGISTERED → DISPATCHED → IN_PROGRESS → FEEDBACK → VERIFIED → CLOSED → EVALUATED → FOLLOWED_UP
 * side paths: RESOLVED_ON_CONTACT · RETURNED · REOPENED · MERGED · CANCELLED
 * </pre>
 */
public enum CaseState {
    RECEIVED("接件"),
    REGISTERED("立案"),
    DISPATCHED("派遣"),
    IN_PROGRESS("处置"),
    FEEDBACK("反馈"),
    VERIFIED("核查"),
    CLOSED("结案"),
    EVALUATED("评价"),
    FOLLOWED_UP("回访"),
    RESOLVED_ON_CONTACT("直接办结"),
    RETURNED("退回"),
    REOPENED("重办"),
    MERGED("合并"),
    CANCELLED("撤件");

    static {
        RECEIVED.allow(REGISTERED, RESOLVED_ON_CONTACT, MERGED, CANCELLED);
        REGISTERED.allow(DISPATCHED, RESOLVED_ON_CONTACT, MERGED, CANCELLED);
        // Re-dispatch (改派) is DISPATCHED → DISPATCHED: the assignee changes, the step starts again.
        DISPATCHED.allow(DISPATCHED, IN_PROGRESS, RETURNED, MERGED, CANCELLED);
        IN_PROGRESS.allow(FEEDBACK, RETURNED);
        FEEDBACK.allow(VERIFIED, REOPENED);
        VERIFIED.allow(CLOSED, REOPENED);
        CLOSED.allow(EVALUATED, FOLLOWED_UP, REOPENED);
        EVALUATED.allow(FOLLOWED_UP, REOPENED);
        FOLLOWED_UP.allow(REOPENED);
        RESOLVED_ON_CONTACT.allow(EVALUATED, FOLLOWED_UP, REOPENED);
        // A returned case goes back to the hotline, which dispatches it again or ends it.
        RETURNED.allow(DISPATCHED, RESOLVED_ON_CONTACT, MERGED, CANCELLED);
        // Reopened (重办): back to the same handler or dispatched anew.
        REOPENED.allow(DISPATCHED, IN_PROGRESS, MERGED);
        // MERGED and CANCELLED are final.
    }

    private final String chinese;
    private Set<CaseState> next = Collections.emptySet();

    CaseState(String chinese) {
        this.chinese = chinese;
    }

    private void allow(CaseState first, CaseState... rest) {
        next = Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    public String chinese() {
        return chinese;
    }

    /** The states this one may move to. */
    public Set<CaseState> next() {
        return next;
    }

    public boolean canMoveTo(CaseState target) {
        return next.contains(target);
    }

    public boolean isFinal() {
        return next.isEmpty();
    }

    /** Open means somebody still has work to do on the case. */
    public boolean isOpen() {
        return switch (this) {
            case RECEIVED, REGISTERED, DISPATCHED, IN_PROGRESS, FEEDBACK, VERIFIED, RETURNED, REOPENED -> true;
            case CLOSED, EVALUATED, FOLLOWED_UP, RESOLVED_ON_CONTACT, MERGED, CANCELLED -> false;
        };
    }

    /** "CLOSED 结案", as people on the floor read it. */
    public String display() {
        return name() + " " + chinese;
    }
}
