package org.civicline.core.cases.departments;

import java.time.Instant;
import java.util.List;
import org.civicline.core.model.Attachment;

/**
 * A department's feedback (反馈) on a case, kept beside the log entry it belongs to.
 *
 * @param text        how it was handled, for the hotline and the verifier (internal)
 * @param publicReply the answer for the resident, shown in their progress view
 * @param sequence    the log entry of the FEEDBACK step
 */
public record Feedback(String caseNumber, int sequence, String department, String text, String publicReply,
                       List<Attachment> attachments, Instant at) {
    public Feedback {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The reference-store kind feedback is kept under, keyed by {@code number#sequence}. */
    public static final String KIND = "case-feedback";

    public String key() {
        return caseNumber + "#" + sequence;
    }
}
