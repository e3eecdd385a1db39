package org.civicline.core.bus;

/**
 * Event-bus addresses between modules. Requests ({@code send}) get a reply or a {@code ReplyException} whose
 * failure code is one of {@link FailureCodes}; notices ({@code publish}) get none.
 */
public final class Addresses {
    private Addresses() {
    }

    /** Request {@link CreateCaseRequest} → reply {@code Case}. */
    public static final String CASE_CREATE = "civicline.case.create";
    /** Request {@link GetCaseRequest} → reply {@code Case}; 404 when there is none. */
    public static final String CASE_GET = "civicline.case.get";
    /** Request {@link TransitionCaseRequest} → reply {@code Case}; 409 on a conflict, 422 for an illegal step. */
    public static final String CASE_TRANSITION = "civicline.case.transition";
    /** Notice {@link CaseChanged}: a case was created or moved. */
    public static final String CASE_CHANGED = "civicline.case.changed";

    /**
     * Request {@link SendNotice} → any reply once the message is handed to a vendor or the outbox; no consumer means
     * no outbound channel is deployed, and the sender records the notice as undelivered.
     */
    public static final String NOTICE_SEND = "civicline.notice.send";

    /**
     * Request {@link ProgressRequest} → reply {@code ProgressView}: what a resident may see of a case (status, last
     * public note, expected date); 404 for an unknown number or a phone that does not match, 400 naming the field.
     */
    public static final String CASE_PROGRESS = "civicline.case.progress";
}
