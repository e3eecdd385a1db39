package org.civicline.channels.intake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.metrics.IntakeMeters;
import org.civicline.core.metrics.Metrics;
import org.civicline.core.channels.ConversationTurn;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Contact;
import org.civicline.core.routing.ContactQueued;
import org.civicline.core.routing.EnqueueContact;
import org.civicline.core.routing.PendingEnqueues;
import org.civicline.core.routing.RoutingAddresses;
import org.civicline.core.routing.RoutingNeeds;
import org.civicline.core.store.ContactStore;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.store.ReferenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a channel hands in what a resident sent: store it (idempotently), join it to the sender's open
 * conversation or open a new contact, and put new contacts in the one queue. The channel acknowledges the resident
 * only after the returned future succeeds, i.e. after the contact is stored.
 */
public final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    static final String MESSAGES = "channels.message";
    static final String CONVERSATIONS = "channels.conversation";
    /** How many earlier contacts of a sender "my cases" and the desk's history show. */
    static final int HISTORY_KEEP = 10;
    /** A joined conversation stops growing here; a resident who writes a novel starts a new contact. */
    static final int MAX_TEXT = 8000;

    private static final DeliveryOptions ENQUEUE_TIMEOUT = new DeliveryOptions().setSendTimeout(2000);

    private final Vertx vertx;
    private final ContactStore contacts;
    private final ReferenceStore documents;
    private final KeyedLanes lanes = new KeyedLanes();
    private final IntakeMeters meters;
    private final ConversationLog conversation;

    public Intake(Vertx vertx, ContactStore contacts, ReferenceStore documents) {
        this.vertx = vertx;
        this.contacts = contacts;
        this.documents = documents;
        this.meters = IntakeMeters.of(Metrics.registry(vertx));
        this.conversation = new ConversationLog(vertx, documents);
    }

    /** The messages and replies of each contact. */
    public ConversationLog conversation() {
        return conversation;
    }

    /**
     * Stores {@code message}. With a positive {@code window}, a message within that time of the sender's last one
     * joins the same contact; with {@link Duration#ZERO} every message is its own contact (letters, app reports).
     */
    public Future<Receipt> receive(InboundMessage message, Duration window) {
        return receive(message, window, contact -> Future.succeededFuture());
    }

    /**
     * As {@link #receive(InboundMessage, Duration)}, for a message whose resident is still being looked up: the
     * lookup runs alongside the search for an earlier delivery and the open conversation (one round trip to the
     * store instead of one after the other), and the contact is stored with the id it found.
     */
    public Future<Receipt> receive(InboundMessage message, Future<String> citizen, Duration window) {
        return receive(message, citizen, window, contact -> Future.succeededFuture());
    }

    /**
     * As {@link #receive(InboundMessage, Duration)}, and runs {@code alongside} on a newly stored contact while it is
     * queued and indexed (a channel opening its case), so both take the time of the longer. The receipt waits for
     * both and fails when {@code alongside} fails; a repeat delivery does not run it.
     */
    public Future<Receipt> receive(InboundMessage message, Duration window,
                                   Function<Contact, Future<?>> alongside) {
        return receive(message, Future.succeededFuture(message.citizenId()), window, alongside);
    }

    private Future<Receipt> receive(InboundMessage message, Future<String> citizen, Duration window,
                                    Function<Contact, Future<?>> alongside) {
        long arrived = System.nanoTime();
        String lane = message.channel() + ":" + message.sender();
        // Without a window every message is its own contact under its own key, and the store's add finds a repeat by
        // that key in the same round trip: no lookup first.
        boolean joins = !window.isZero() && message.sender() != null;
        return lanes.run(lane, () -> {
            Future<Earlier> looked = joins ? lookUp(lane, message, window) : Future.succeededFuture(Earlier.NOTHING);
            return Future.all(citizen, looked).compose(both -> {
                Earlier found = looked.result();
                InboundMessage m = message.withCitizen(citizen.result());
                if (found.delivery().isPresent()) {
                    return Future.succeededFuture(new Receipt(found.delivery().get(), Receipt.Outcome.DUPLICATE));
                }
                return found.conversation().isPresent()
                        ? join(found.conversation().get(), m).compose(receipt -> remember(lane, m, receipt, true))
                        : create(m, lane, joins, alongside);
            });
        }).onSuccess(receipt -> {
            if (receipt.outcome() == Receipt.Outcome.NEW) {
                meters.received(message.channel());
            }
            meters.acknowledged(message.channel(), System.nanoTime() - arrived);
        });
    }

    /**
     * Records the case opened from a contact, in the sender's lane so that a message joining at the same moment is
     * not overwritten on this node.
     */
    public Future<Contact> linkCase(Contact contact, String caseNumber) {
        return lanes.run(lane(contact.channel(), contact.sender()), () -> contacts.change(contact.id(),
                        fresh -> caseNumber.equals(fresh.caseNumber()) ? fresh : fresh.withCaseNumber(caseNumber))
                .map(stored -> stored.orElse(contact)));
    }

    /**
     * An agent finished {@code contactId}: when it is still the sender's open conversation, that conversation ends, so
     * the resident's next message opens a new contact (offered again, with this one as its history) instead of
     * joining one nobody holds.
     */
    public Future<Void> endConversation(String contactId) {
        return contacts.get(contactId).compose(found -> {
            if (found.isEmpty() || found.get().sender() == null) {
                return Future.succeededFuture();
            }
            String lane = lane(found.get().channel(), found.get().sender());
            return lanes.run(lane, () -> documents.get(CONVERSATIONS, lane, Conversation.class)
                    .compose(open -> open.isPresent() && open.get().contactId().equals(contactId)
                            ? documents.put(CONVERSATIONS, lane, new Conversation(contactId, Instant.EPOCH))
                            : Future.<Void>succeededFuture()));
        });
    }

    /**
     * The sender's recent contacts in {@code channel}, newest first, at most {@value #HISTORY_KEEP}: read from the
     * store's per-sender index, which the contact's own write keeps.
     */
    public Future<List<Contact>> history(org.civicline.core.model.Channel channel, String sender) {
        // The index is per sender across channels (an SMS number can also have called): read more, keep this channel's.
        return contacts.recentBySender(sender, HISTORY_KEEP * 3).map(recent -> recent.stream()
                .filter(c -> c.channel() == channel).limit(HISTORY_KEEP).toList());
    }

    public static String lane(org.civicline.core.model.Channel channel, String sender) {
        return channel + ":" + sender;
    }

    /** What the store already holds of a message's sender: this very delivery, or a conversation it joins. */
    private record Earlier(Optional<Contact> delivery, Optional<Contact> conversation) {
        static final Earlier NOTHING = new Earlier(Optional.empty(), Optional.empty());
    }

    /**
     * Looks for an earlier delivery of the message (a joined message is found by its key's index, the first of a
     * contact by the contact's idempotency key) and for the sender's open conversation, the three reads at once.
     */
    private Future<Earlier> lookUp(String lane, InboundMessage message, Duration window) {
        Future<Optional<MessageIndex>> index = documents.get(MESSAGES, message.messageKey(), MessageIndex.class);
        Future<Optional<Contact>> byKey = contacts.findByIdempotencyKey(message.messageKey());
        Future<Optional<Conversation>> open = documents.get(CONVERSATIONS, lane, Conversation.class);
        return Future.all(index, byKey, open).compose(all -> index.result().isPresent()
                ? contacts.get(index.result().get().contactId())
                : Future.succeededFuture(byKey.result())).compose(delivery -> {
            if (delivery.isPresent()) {
                return Future.succeededFuture(new Earlier(delivery, Optional.empty()));
            }
            Optional<Conversation> c = open.result();
            if (c.isEmpty() || c.get().lastMessageAt().plus(window).isBefore(message.at())) {
                return Future.succeededFuture(Earlier.NOTHING);
            }
            return contacts.get(c.get().contactId()).map(contact -> new Earlier(Optional.empty(),
                    contact.filter(found -> found.text() == null
                            || found.text().length() + lengthOf(message) <= MAX_TEXT)));
        });
    }

    /**
     * Adds the message to the contact as stored when it is written: the sender's lane orders one node's messages, and
     * the store's change re-reads when a message on another node joined in between, so neither is lost.
     */
    private Future<Receipt> join(Contact found, InboundMessage message) {
        return contacts.change(found.id(), contact -> joined(contact, message)).compose(stored -> stored.isPresent()
                ? Future.succeededFuture(new Receipt(stored.get(), Receipt.Outcome.JOINED))
                : Future.failedFuture(new NotFoundException("contact " + found.id() + " is gone")));
    }

    private static Contact joined(Contact contact, InboundMessage message) {
        String text = contact.text() == null || contact.text().isBlank() ? message.text()
                : message.text() == null ? contact.text() : contact.text() + "\n" + message.text();
        List<Attachment> attachments = new ArrayList<>(contact.attachments());
        attachments.addAll(message.attachments());
        return new Contact(contact.id(), contact.channel(), contact.citizenId() != null
                ? contact.citizenId() : message.citizenId(), contact.sender(), contact.receivedAt(), text,
                contact.call(), message.location() != null ? message.location() : contact.location(),
                contact.priority(), contact.idempotencyKey(), attachments, contact.caseNumber());
    }

    private Future<Receipt> create(InboundMessage m, String lane, boolean joins,
                                   Function<Contact, Future<?>> alongside) {
        Contact contact = new Contact(null, m.channel(), m.citizenId(), m.sender(), m.at(), m.text(), null,
                m.location(), m.priority(), m.messageKey(), m.attachments(), null);
        return contacts.add(contact).compose(stored -> {
            if (!stored.created()) {
                return Future.succeededFuture(new Receipt(stored.contact(), Receipt.Outcome.DUPLICATE));
            }
            Receipt receipt = new Receipt(stored.contact(), Receipt.Outcome.NEW);
            // Stored: queue it and write the indexes at once; the store pipelines them on its connection.
            return Future.all(enqueue(stored.contact()), remember(lane, m, receipt, joins),
                    alongside.apply(stored.contact())).map(receipt);
        });
    }

    /**
     * The contact is stored whatever the router answers: a router that is down, not deployed or cut off from this
     * node must not make the resident's message fail. When the router did not get the request it is left for the
     * router in the store ({@link PendingEnqueues}), which takes it in within seconds of answering again. The short
     * timeout keeps the answer inside WeChat's five seconds.
     */
    private Future<Void> enqueue(Contact contact) {
        EnqueueContact request = new EnqueueContact(contact, RoutingNeeds.anyAgent());
        return vertx.eventBus().<ContactQueued>request(RoutingAddresses.ENQUEUE, request, ENQUEUE_TIMEOUT)
                .<Void>mapEmpty()
                .recover(e -> {
                    if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
                            && reply.failureCode() == FailureCodes.INVALID) {
                        LOG.warn("contact {} stored but refused by the router: {}", contact.id(), e.getMessage());
                        return Future.succeededFuture();
                    }
                    // No router got it, or one that could not store it (a deposed one among them): the router in
                    // charge takes it from the store. One that did queue it finds it queued already.
                    LOG.warn("contact {} stored; not queued ({}), left for the router in the store", contact.id(),
                            e.getMessage());
                    return documents.put(PendingEnqueues.KIND, contact.id(), request).recover(stored -> {
                        LOG.error("contact {} stored but neither queued nor left for the router: {}", contact.id(),
                                stored.getMessage());
                        return Future.succeededFuture();
                    });
                });
    }

    /**
     * The indexes of a stored message, written side by side (independent keys; the sender's lane keeps two messages
     * of one sender apart). The message-key index serves only the lookup before joining a conversation, and the open
     * conversation only the next message's join: channels where nothing joins keep neither. The sender's history is
     * the store's own per-sender index, written with the contact.
     */
    private Future<Receipt> remember(String lane, InboundMessage message, Receipt receipt, boolean joins) {
        String id = receipt.contact().id();
        List<Future<?>> writes = new ArrayList<>(3);
        if (joins) {
            writes.add(documents.put(MESSAGES, message.messageKey(), new MessageIndex(id)));
            writes.add(documents.put(CONVERSATIONS, lane, new Conversation(id, message.at())));
        }
        ConversationTurn turn = new ConversationTurn(id, ConversationTurn.From.RESIDENT, null, turnText(message),
                message.at());
        // A new contact has no turns yet: its first is written without reading.
        writes.add(receipt.outcome() == Receipt.Outcome.NEW ? conversation.start(turn) : conversation.append(turn));
        return Future.all(writes).map(receipt);
    }

    /** What the desk shows for a message: its text, and a note of what else came with it. */
    private static String turnText(InboundMessage message) {
        String text = message.text() == null ? "" : message.text();
        if (!message.attachments().isEmpty()) {
            text = (text + " [附件 attachments: " + message.attachments().size() + "]").strip();
        }
        if (message.location() != null) {
            text = (text + " [位置 location]").strip();
        }
        return text;
    }

    private static int lengthOf(InboundMessage message) {
        return message.text() == null ? 0 : message.text().length();
    }
}
