package org.civicline.channels.mailbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.civicline.channels.intake.InboundMessage;
import org.civicline.channels.intake.Intake;
import org.civicline.channels.intake.KeyedLanes;
import org.civicline.channels.intake.Receipt;
import org.civicline.channels.intake.Residents;
import org.civicline.channels.mailbox.inbound.LetterForm;
import org.civicline.channels.progress.CaseDesk;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Contact;
import org.civicline.core.model.Priority;
import org.civicline.core.store.ReferenceStore;
import org.civicline.core.workflow.Case;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Letters to the leaders' mailbox: stored as low-priority contacts and cases, each with a query code that is the
 * only way to read its progress. The lookup index holds the codes hashed; the letter itself keeps its code so that a
 * resubmission can be shown the same receipt.
 */
public final class Letters {
    private static final Logger LOG = LoggerFactory.getLogger(Letters.class);
    static final String BY_CONTACT = "channels.mailbox-letter";
    static final String BY_CODE = "channels.mailbox-code";
    /** No 0/O, 1/I/L: the code is read off a phone screen and typed back. */
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final int CODE_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Intake intake;
    private final Residents residents;
    private final ReferenceStore documents;
    private final CaseDesk cases;
    private final Duration firstResponse;
    private final Clock clock;
    private final KeyedLanes lanes = new KeyedLanes();

    public Letters(Intake intake, Residents residents, ReferenceStore documents,
                   CaseDesk cases, Duration firstResponse, Clock clock) {
        this.intake = intake;
        this.residents = residents;
        this.documents = documents;
        this.cases = cases;
        this.firstResponse = firstResponse;
        this.clock = clock;
    }

    /** Stores the letter (once per {@code key}) and opens its case; a resubmission gets the same receipt. */
    public Future<Letter> submit(LetterForm form, List<Attachment> attachments, String key) {
        return lanes.run(key, () -> residents.byPhone(form.phone(), form.name()).compose(citizen -> {
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            InboundMessage message = new InboundMessage(Channel.MAILBOX, form.phone(), key, now, form.description(),
                    null, attachments, Priority.LOW, citizen);
            // A new letter's case is opened while its contact is queued, not after.
            Promise<Letter> opened = Promise.promise();
            return intake.receive(message, Duration.ZERO, contact -> open(contact, form, citizen, attachments, now)
                    .onComplete(opened)).compose(receipt -> receipt.outcome() == Receipt.Outcome.NEW
                    ? opened.future()
                    : documents.get(BY_CONTACT, receipt.contact().id(), Letter.class)
                            .compose(existing -> existing.isPresent() ? Future.succeededFuture(existing.get())
                                    : open(receipt.contact(), form, citizen, attachments, now)));
        }));
    }

    /** The letter behind a query code; empty for a code that is not one (the caller cannot tell why). */
    public Future<Optional<Letter>> byCode(String code) {
        String normal = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (normal.length() != CODE_LENGTH) {
            return Future.succeededFuture(Optional.empty());
        }
        return documents.get(BY_CODE, hash(normal), String.class).compose(contactId -> contactId.isEmpty()
                ? Future.succeededFuture(Optional.empty())
                : documents.get(BY_CONTACT, contactId.get(), Letter.class));
    }

    /** An agent's answer, shown on the letter's query page. */
    public Future<Letter> answer(String contactId, String text) {
        return lanes.run(contactId, () -> documents.get(BY_CONTACT, contactId, Letter.class).compose(letter -> {
            if (letter.isEmpty()) {
                return Future.failedFuture(new IllegalArgumentException("no letter for contact " + contactId));
            }
            Letter answered = letter.get().withAnswer(new Letter.Answer(clock.instant(), text));
            return documents.put(BY_CONTACT, contactId, answered).map(v -> answered);
        }));
    }

    private Future<Letter> open(Contact contact, LetterForm form, String citizen, List<Attachment> attachments,
                                Instant now) {
        CreateCaseRequest request = new CreateCaseRequest("mailbox", Channel.MAILBOX, form.category(), Priority.LOW,
                citizen, null, form.name(), contact.id(), form.description(), null, null, null, attachments);
        // The store links the contact to its new case; a repeat that finds the contact linked keeps that case.
        Future<String> number = contact.caseNumber() != null ? Future.succeededFuture(contact.caseNumber())
                : cases.create(request).map(Case::number).recover(e -> {
                    // The letter is stored and queued; an agent opens the case from it.
                    LOG.warn("letter {} stored, case not opened: {}", contact.id(), e.getMessage());
                    return Future.succeededFuture(null);
                });
        return number.compose(n -> {
            String code = newCode();
            Letter letter = new Letter(contact.id(), n, code, form.publishable(), now.plus(firstResponse), List.of());
            return documents.put(BY_CODE, hash(code), contact.id())
                    .compose(v -> documents.put(BY_CONTACT, contact.id(), letter))
                    .map(v -> letter);
        });
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("civicline-mailbox|" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
