package org.civicline.channels.intake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.civicline.core.channels.ChannelAddresses;
import org.civicline.core.channels.ConversationTurn;
import org.civicline.core.store.ReferenceStore;

/**
 * Every message a resident sent and every reply an agent gave, per contact, in the reference store (kind
 * {@value #KIND}, keyed by contact id): the contact's own text only joins the messages, it does not say who wrote
 * what or when. Each new turn is also published on the conversations' address, so a desk with the chat open
 * shows it at once. Appends to one contact run one after another on this node, and do not overwrite one made on
 * another node meanwhile.
 */
public final class ConversationLog {
    static final String KIND = "channels.turns";
    /** A contact keeps its newest turns; a conversation this long has become a case long ago. */
    static final int KEEP = 200;

    /** The stored document. */
    public record Turns(List<ConversationTurn> turns) {
        public Turns {
            turns = turns == null ? List.of() : List.copyOf(turns);
        }
    }

    private final Vertx vertx;
    private final ReferenceStore documents;
    private final KeyedLanes lanes = new KeyedLanes();

    public ConversationLog(Vertx vertx, ReferenceStore documents) {
        this.vertx = vertx;
        this.documents = documents;
    }

    public Future<ConversationTurn> append(ConversationTurn turn) {
        // The store's change re-reads when another node appended in between, so no turn is lost.
        return lanes.run(turn.contactId(), () -> documents.change(KIND, turn.contactId(), Turns.class, stored -> {
            List<ConversationTurn> after = new ArrayList<>(stored.map(Turns::turns).orElse(List.of()));
            after.add(turn);
            return new Turns(after.subList(Math.max(0, after.size() - KEEP), after.size()));
        })).map(v -> {
            vertx.eventBus().publish(ChannelAddresses.TURNS, turn);
            return turn;
        });
    }

    /** The first turn of a new contact: nothing to read before writing it. */
    public Future<ConversationTurn> start(ConversationTurn turn) {
        return lanes.run(turn.contactId(), () -> documents.put(KIND, turn.contactId(), new Turns(List.of(turn))))
                .map(v -> {
                    vertx.eventBus().publish(ChannelAddresses.TURNS, turn);
                    return turn;
                });
    }

    /** The contact's turns, oldest first; none for a contact stored before turns were kept. */
    public Future<List<ConversationTurn>> turns(String contactId) {
        return documents.get(KIND, contactId, Turns.class).map(t -> t.map(Turns::turns).orElse(List.of()));
    }
}
