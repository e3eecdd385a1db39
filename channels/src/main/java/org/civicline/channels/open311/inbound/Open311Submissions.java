package org.civicline.channels.open311.inbound;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.ReplyException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.civicline.channels.intake.InboundMessage;
import org.civicline.channels.intake.Intake;
import org.civicline.channels.intake.KeyedLanes;
import org.civicline.channels.intake.Receipt;
import org.civicline.channels.progress.CaseDesk;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.bus.FailureCodes;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Category;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.store.ContactStore;
import org.civicline.core.store.ReferenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files a checked service request: the contact first (idempotent by the submission's key), then the case. A client
 * retry finds the stored contact and gets the same case number. When the case service does not answer, the report
 * is kept and the client gets a token to ask about later.
 */
public final class Open311Submissions {
    private static final Logger LOG = LoggerFactory.getLogger(Open311Submissions.class);
    static final String PENDING = "channels.open311-pending";

    private final Intake intake;
    private final ContactStore contacts;
    private final ReferenceStore documents;
    private final CaseDesk cases;
    private final Clock clock;
    private final KeyedLanes lanes = new KeyedLanes();

    public Open311Submissions(Intake intake, ContactStore contacts, ReferenceStore documents, CaseDesk cases,
                              Clock clock) {
        this.intake = intake;
        this.contacts = contacts;
        this.documents = documents;
        this.cases = cases;
        this.clock = clock;
    }

    public Future<Submitted> submit(ServiceRequestForm form, Category service, String client, Channel channel,
                                    String key, List<Attachment> photos) {
        return lanes.run(key, () -> {
            String text = form.description() != null ? form.description() : "市民报告：" + service.name();
            Priority priority = form.urgent() ? Priority.URGENT : Priority.NORMAL;
            InboundMessage message = new InboundMessage(channel, senderOf(form, client), key, clock.instant(), text,
                    form.location(), photos, priority, null);
            String address = form.address() != null ? form.address() : form.addressId();
            Function<Contact, CreateCaseRequest> request = contact -> new CreateCaseRequest(
                    "open311:" + client, channel, service.code(), priority, null, form.phone(), form.name(),
                    contact.id(), text, address, form.location(), null, photos);
            // A new report's case is opened while the contact is queued and indexed, not after.
            Promise<Submitted> opened = Promise.promise();
            return intake.receive(message, Duration.ZERO, contact -> open(contact, request.apply(contact))
                    .onComplete(opened)).compose(receipt -> {
                        if (receipt.outcome() == Receipt.Outcome.NEW) {
                            return opened.future();
                        }
                        Contact contact = receipt.contact();
                        if (contact.caseNumber() != null) {
                            return cases.get(contact.caseNumber())
                                    .map(c -> new Submitted(c.number(), null, c.deadline()));
                        }
                        return open(contact, request.apply(contact));
                    });
        });
    }

    /** The case of a token (the contact id), opening it now if that failed before. */
    public Future<Optional<Submitted>> byToken(String token) {
        return lanes.run(token, () -> contacts.get(token).compose(found -> {
            if (found.isEmpty() || !(found.get().channel() == Channel.OPEN311 || found.get().channel() == Channel.APP)) {
                return Future.succeededFuture(Optional.empty());
            }
            Contact contact = found.get();
            if (contact.caseNumber() != null) {
                return Future.succeededFuture(Optional.of(new Submitted(contact.caseNumber(), token, null)));
            }
            return documents.get(PENDING, token, PendingCase.class).compose(pending -> pending.isEmpty()
                    ? Future.succeededFuture(Optional.of(new Submitted(null, token, null)))
                    : open(contact, pending.get().request()).map(s -> Optional.of(
                            new Submitted(s.caseNumber(), token, s.deadline()))));
        }));
    }

    /** Opens the contact's case; the store links the contact to it in the same step. */
    private Future<Submitted> open(Contact contact, CreateCaseRequest request) {
        return cases.create(request)
                .map(c -> new Submitted(c.number(), null, c.deadline()))
                .recover(e -> {
                    if (e instanceof ReplyException r && r.failureCode() == FailureCodes.INVALID) {
                        return Future.failedFuture(e);
                    }
                    LOG.warn("Open311 report {} kept; its case could not be opened yet: {}", contact.id(),
                            e.getMessage());
                    return documents.put(PENDING, contact.id(), new PendingCase(request))
                            .map(v -> new Submitted(null, contact.id(), null));
                });
    }

    private static String senderOf(ServiceRequestForm form, String client) {
        for (String candidate : new String[]{form.accountId(), form.email(), form.phone(), form.deviceId()}) {
            if (candidate != null) {
                return candidate;
            }
        }
        return "open311:" + client;
    }
}
