package org.civicline.channels.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * A letter as the mailbox remembers it, found by its query code. {@code answers} are the replies shown on the
 * query page.
 */
public record Letter(String contactId, String caseNumber, String queryCode, boolean publishable,
                     Instant firstResponseDue, List<Answer> answers) {

    public Letter {
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    public record Answer(Instant at, String text) {
    }

    public Letter withAnswer(Answer answer) {
        List<Answer> all = new java.util.ArrayList<>(answers);
        all.add(answer);
        return new Letter(contactId, caseNumber, queryCode, publishable, firstResponseDue, all);
    }
}
