package org.civicline.core.channels;

import java.util.List;
import org.civicline.core.model.Channel;

/**
 * A resident's conversation as an agent sees it: the turns of {@code contactId}, oldest first, preceded by those of
 * the same resident's earlier contacts in the same channel ({@code earlier}, oldest first, a few at most).
 */
public record ConversationView(String contactId, Channel channel, String sender, List<ConversationTurn> turns,
                               List<Earlier> earlier) {
    public ConversationView {
        turns = turns == null ? List.of() : List.copyOf(turns);
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
    }

    /** An earlier contact of the same resident, with the case opened from it, if any. */
    public record Earlier(String contactId, String caseNumber, List<ConversationTurn> turns) {
        public Earlier {
            turns = turns == null ? List.of() : List.copyOf(turns);
        }
    }
}
