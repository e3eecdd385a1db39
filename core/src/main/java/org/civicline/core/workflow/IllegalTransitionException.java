package org.civicline.core.workflow;

/** A step the workflow does not allow from the case's current state. */
public final class IllegalTransitionException extends RuntimeException {
    private final CaseState from;
    private final CaseState attempted;

    public IllegalTransitionException(String caseNumber, CaseState from, CaseState attempted, String detail) {
        super("case " + caseNumber + " is " + from.display() + " and cannot move to " + attempted.display()
                + (detail == null ? "; allowed next: " + from.next() : "; " + detail));
        this.from = from;
        this.attempted = attempted;
    }

    public CaseState from() {
        return from;
    }

    public CaseState attempted() {
        return attempted;
    }
}
