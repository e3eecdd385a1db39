package org.civicline.core.workflow;

import java.util.Objects;

/**
 * A request to move a case to another state.
 *
 * @param expectedVersion the version the requester saw; a different current version is a conflict (-1: don't check)
 */
public record CaseTransition(CaseState to, String actor, String reason, String assignee, String note,
                             int expectedVersion) {

    public static final int ANY_VERSION = -1;

    public CaseTransition {
        Objects.requireNonNull(to, "to");
    }

    public static CaseTransition to(CaseState to, String actor) {
        return new CaseTransition(to, actor, null, null, null, ANY_VERSION);
    }

    public CaseTransition because(String why) {
        return new CaseTransition(to, actor, why, assignee, note, expectedVersion);
    }

    public CaseTransition assignedTo(String who) {
        return new CaseTransition(to, actor, reason, who, note, expectedVersion);
    }

    public CaseTransition withNote(String text) {
        return new CaseTransition(to, actor, reason, assignee, text, expectedVersion);
    }

    public CaseTransition atVersion(int version) {
        return new CaseTransition(to, actor, reason, assignee, note, version);
    }
}
