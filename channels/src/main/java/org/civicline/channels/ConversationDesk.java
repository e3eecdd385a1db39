package org.civicline.channels;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.civicline.channels.intake.ConversationLog;
import org.civicline.channels.intake.Intake;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.channels.ChannelAddresses;
import org.civicline.core.channels.ConversationRequest;
import org.civicline.core.channels.ConversationTurn;
import org.civicline.core.channels.ConversationView;
import org.civicline.core.model.Contact;
import org.civicline.core.store.ContactStore;

/**
 * Serves {@link ChannelAddresses#CONVERSATION}: a contact's messages and replies, and those of the same resident's
 * earlier contacts in the channel, so the agent sees what was said before without asking again.
 */
final class ConversationDesk {
    /** Earlier contacts shown with a conversation. */
    static final int EARLIER = 5;

    private final ContactStore contacts;
    private final Intake intake;
    private final ConversationLog log;

    ConversationDesk(ContactStore contacts, Intake intake) {
        this.contacts = contacts;
        this.intake = intake;
        this.log = intake.conversation();
    }

    void handle(Message<ConversationRequest> message) {
        String id = message.body().contactId();
        contacts.get(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.<ConversationView>failedFuture(new NoSuchContact(id));
            }
            Contact contact = found.get();
            Future<List<Contact>> history = contact.sender() == null ? Future.succeededFuture(List.of())
                    : intake.history(contact.channel(), contact.sender());
            return turnsOf(contact).compose(turns -> history.compose(all -> earlier(contact, all))
                    .map(earlier -> new ConversationView(id, contact.channel(), contact.sender(), turns, earlier)));
        }).onSuccess(message::reply).onFailure(e -> message.fail(
                e instanceof NoSuchContact ? FailureCodes.NOT_FOUND : FailureCodes.UNAVAILABLE, e.getMessage()));
    }

    private Future<List<ConversationView.Earlier>> earlier(Contact current, List<Contact> history) {
        List<Contact> before = history.stream()
                .filter(c -> !c.id().equals(current.id()) && c.receivedAt().isBefore(current.receivedAt()))
                .sorted(Comparator.comparing(Contact::receivedAt).reversed()).limit(EARLIER)
                .sorted(Comparator.comparing(Contact::receivedAt)).toList();
        List<Future<ConversationView.Earlier>> reads = new ArrayList<>();
        before.forEach(c -> reads.add(turnsOf(c).map(t -> new ConversationView.Earlier(c.id(), c.caseNumber(), t))));
        return Future.all(reads).map(done -> reads.stream().map(Future::result).toList());
    }

    /** The kept turns; for a contact from before they were kept, its text as the resident's one message. */
    private Future<List<ConversationTurn>> turnsOf(Contact contact) {
        return log.turns(contact.id()).map(turns -> !turns.isEmpty() || contact.text() == null ? turns
                : List.of(new ConversationTurn(contact.id(), ConversationTurn.From.RESIDENT, null, contact.text(),
                contact.receivedAt())));
    }

    private static final class NoSuchContact extends RuntimeException {
        NoSuchContact(String id) {
            super("no contact " + id);
        }
    }
}
