package org.civicline.core.store;

import org.civicline.core.model.CallReference;

import org.civicline.core.routing.QueueEntry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.civicline.core.model.Attachment;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Citizen;
import org.civicline.core.model.Contact;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Priority;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseDetails;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store implementation promises, run against each of them. A subclass gives fresh, empty stores per
 * test. Waits are bounded; races are real (many threads released at once).
 */
public abstract class StoreContract {
    private static final Duration FENCE_LEASE = Duration.ofSeconds(30);
    protected static final Instant T0 = Instant.parse("2026-11-22T01:30:00Z");
    protected static final LocalDate DAY = LocalDate.of(2026, 11, 22);
    private static Vertx vertx;

    protected Stores stores;

    /** Fresh, empty stores; {@link #vertx()} is running. */
    protected abstract Stores createStores() throws Exception;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        await(vertx.close());
    }

    protected static Vertx vertx() {
        return vertx;
    }

    @BeforeEach
    void openStores() throws Exception {
        stores = createStores();
    }

    @AfterEach
    void closeStores() throws Exception {
        if (stores != null) {
            stores.close();
        }
    }

    // ---- contacts

    @Test
    void storingAContactGivesItAnIdAndReadsItBackUnchanged() throws Exception {
        StoredContact stored = await(stores.contacts().add(contact("wx-msg-1")));

        assertThat(stored.created()).isTrue();
        assertThat(stored.contact().id()).isNotBlank();
        assertThat(stored.contact()).isEqualTo(contact("wx-msg-1").withId(stored.contact().id()));
        assertThat(await(stores.contacts().get(stored.contact().id()))).contains(stored.contact());
    }

    @Test
    void storingAContactTwiceWithTheSameKeyReturnsTheFirst() throws Exception {
        StoredContact first = await(stores.contacts().add(contact("wx-msg-1")));
        Contact redelivered = new Contact(null, Channel.WECHAT, null, "openid-1", T0.plusSeconds(5), "again", null,
                null, Priority.NORMAL, "wx-msg-1", null, null);

        StoredContact second = await(stores.contacts().add(redelivered));

        assertThat(second.created()).isFalse();
        assertThat(second.contact()).isEqualTo(first.contact());
    }

    @Test
    void manyConcurrentDeliveriesOfOneKeyStoreExactlyOneContact() throws Exception {
        List<StoredContact> results = race(50, i -> stores.contacts().add(contact("app-report-7")));

        assertThat(results).filteredOn(StoredContact::created).hasSize(1);
        assertThat(results).extracting(r -> r.contact().id()).containsOnly(results.get(0).contact().id());
        assertThat(await(stores.contacts().findByIdempotencyKey("app-report-7")))
                .contains(results.get(0).contact());
    }

    @Test
    void aContactIsFoundByItsIdempotencyKey() throws Exception {
        Contact stored = await(stores.contacts().add(contact("ami-1700000000.42"))).contact();

        assertThat(await(stores.contacts().findByIdempotencyKey("ami-1700000000.42"))).contains(stored);
        assertThat(await(stores.contacts().findByIdempotencyKey("never-delivered"))).isEmpty();
    }

    @Test
    void gettingAnUnknownContactFindsNothing() throws Exception {
        assertThat(await(stores.contacts().get("c-unknown"))).isEmpty();
    }

    @Test
    void changingAContactReplacesIt() throws Exception {
        Contact stored = await(stores.contacts().add(contact("wx-msg-1"))).contact();

        Contact changed = await(stores.contacts().change(stored.id(), c -> c.withCaseNumber("20261122-0001")))
                .orElseThrow();

        assertThat(changed.caseNumber()).isEqualTo("20261122-0001");
        assertThat(await(stores.contacts().get(stored.id()))).contains(changed);
        assertThat(await(stores.contacts().findByIdempotencyKey("wx-msg-1"))).contains(changed);
    }

    @Test
    void changingAnUnknownContactFindsNothing() throws Exception {
        assertThat(await(stores.contacts().change("c-unknown", c -> c.withCaseNumber("20261122-0001")))).isEmpty();
        assertThat(await(stores.contacts().change(null, c -> c))).isEmpty();
        assertThat(await(stores.contacts().get("c-unknown"))).isEmpty();
    }

    @Test
    void changingAContactCannotChangeItsIdempotencyKey() throws Exception {
        Contact stored = await(stores.contacts().add(contact("wx-msg-1"))).contact();
        Contact rekeyed = new Contact(stored.id(), stored.channel(), null, stored.sender(), stored.receivedAt(),
                "changed", null, null, Priority.NORMAL, "wx-msg-2", null, null);

        assertThat(failure(stores.contacts().change(stored.id(), c -> rekeyed)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(await(stores.contacts().get(stored.id()))).contains(stored);
        assertThat(await(stores.contacts().findByIdempotencyKey("wx-msg-2"))).isEmpty();
    }

    @Test
    void aSendersContactsAreListedNewestFirstAndOtherSendersStayApart() throws Exception {
        Contact middle = await(stores.contacts().add(from("13900002222", "call-2", T0.plusSeconds(3_600)))).contact();
        Contact oldest = await(stores.contacts().add(from("13900002222", "call-1", T0))).contact();
        Contact newest = await(stores.contacts().add(from("13900002222", "call-3", T0.plusSeconds(7_200)))).contact();
        await(stores.contacts().add(from("oWx-other", "wx-1", T0.plusSeconds(60))));
        await(stores.contacts().add(from(null, "letter-1", T0.plusSeconds(60))));
        // A repeated delivery is not listed twice.
        await(stores.contacts().add(from("13900002222", "call-1", T0.plusSeconds(9_000))));

        assertThat(await(stores.contacts().recentBySender("13900002222", 10))).containsExactly(newest, middle, oldest);
        assertThat(await(stores.contacts().recentBySender("13900002222", 2))).containsExactly(newest, middle);
        assertThat(await(stores.contacts().recentBySender("oWx-other", 10))).extracting(Contact::idempotencyKey)
                .containsExactly("wx-1");
        assertThat(await(stores.contacts().recentBySender("13900009999", 10))).isEmpty();
        assertThat(await(stores.contacts().recentBySender(null, 10))).isEmpty();
        assertThat(await(stores.contacts().recentBySender("13900002222", 0))).isEmpty();
    }

    @Test
    void aSendersListShowsEachContactAsChanged() throws Exception {
        Contact stored = await(stores.contacts().add(from("13900002222", "call-1", T0))).contact();

        Contact linked = await(stores.contacts().change(stored.id(), c -> c.withCaseNumber("20261122-0001")))
                .orElseThrow();

        assertThat(await(stores.contacts().recentBySender("13900002222", 10))).containsExactly(linked);
    }

    // ---- cases

    @Test
    void theOpenCaseIndexFollowsEachCasesStateAndAssignee() throws Exception {
        await(stores.cases().create(details("20261122-0001"), received()));
        Case numbered = await(stores.cases().createNumbered(DAY, detailsFor("c-open"), received()));
        assertThat(await(stores.cases().openNumbers(null))).containsExactly("20261122-0001", numbered.number());
        assertThat(await(stores.cases().openNumbers("城管局"))).isEmpty();

        await(stores.cases().append("20261122-0001", event(2, CaseState.RECEIVED, CaseState.REGISTERED, "agent-7")));
        await(stores.cases().append("20261122-0001", dispatch(3, CaseState.REGISTERED, "城管局")));
        assertThat(await(stores.cases().openNumbers("城管局"))).containsExactly("20261122-0001");

        await(stores.cases().append("20261122-0001", event(4, CaseState.DISPATCHED, CaseState.RETURNED, "城管局")));
        await(stores.cases().append("20261122-0001", dispatch(5, CaseState.RETURNED, "住建局")));
        assertThat(await(stores.cases().openNumbers("城管局"))).as("moved to another department").isEmpty();
        assertThat(await(stores.cases().openNumbers("住建局"))).containsExactly("20261122-0001");

        await(stores.cases().append("20261122-0001", event(6, CaseState.DISPATCHED, CaseState.CANCELLED, "agent-7")));
        assertThat(await(stores.cases().openNumbers("住建局"))).isEmpty();
        assertThat(await(stores.cases().openNumbers(null))).containsExactly(numbered.number());
    }

    @Test
    void aCaseIsFoundByEveryDaySomethingHappenedToIt() throws Exception {
        await(stores.cases().create(details("20261122-0001"), received()));
        await(stores.cases().create(details("20261122-0002"), received()));
        // Two days later, one of them is registered.
        CaseEvent later = new CaseEvent(2, T0.plus(Duration.ofDays(2)), "agent-7", CaseState.RECEIVED,
                CaseState.REGISTERED, null, null, null, null);
        await(stores.cases().append("20261122-0002", later));

        assertThat(await(stores.cases().numbersTouched(T0, T0.plusSeconds(60))))
                .containsExactly("20261122-0001", "20261122-0002");
        assertThat(await(stores.cases().numbersTouched(later.at(), later.at().plusSeconds(60))))
                .containsExactly("20261122-0002");
        assertThat(await(stores.cases().numbersTouched(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1))
                .plusSeconds(60)))).isEmpty();
    }

    @Test
    void aCreatedCaseReadsBackWithItsWholeEventLog() throws Exception {
        Case created = await(stores.cases().create(details("20261122-0001"), received()));
        await(stores.cases().append("20261122-0001", event(2, CaseState.RECEIVED, CaseState.REGISTERED, "agent-7")));
        await(stores.cases().append("20261122-0001", dispatch(3, CaseState.REGISTERED, "worker-3")));

        Case read = await(stores.cases().get("20261122-0001")).orElseThrow();

        assertThat(created.version()).isEqualTo(1);
        assertThat(read.details()).isEqualTo(details("20261122-0001"));
        assertThat(read.log()).containsExactly(received(),
                event(2, CaseState.RECEIVED, CaseState.REGISTERED, "agent-7"),
                dispatch(3, CaseState.REGISTERED, "worker-3"));
        assertThat(read.state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(read.assignee()).isEqualTo("worker-3");
        assertThat(read.version()).isEqualTo(3);
    }

    @Test
    void creatingACaseWithATakenNumberFailsWithConflictAndKeepsTheFirst() throws Exception {
        await(stores.cases().create(details("20261122-0001"), received()));
        CaseDetails other = new CaseDetails("20261122-0001", "other", Channel.APP, Priority.LOW, null, null,
                "someone else's", null, null, null, null, T0);

        assertThat(failure(stores.cases().create(other, received()))).isInstanceOf(CaseConflictException.class);
        assertThat(await(stores.cases().get("20261122-0001")).orElseThrow().details())
                .isEqualTo(details("20261122-0001"));
    }

    @Test
    void gettingAnUnknownCaseFindsNothing() throws Exception {
        assertThat(await(stores.cases().get("20261122-9999"))).isEmpty();
    }

    @Test
    void appendingTheNextEventMovesTheCase() throws Exception {
        await(stores.cases().create(details("20261122-0001"), received()));

        Case moved = await(stores.cases().append("20261122-0001",
                event(2, CaseState.RECEIVED, CaseState.REGISTERED, "agent-7")));

        assertThat(moved.version()).isEqualTo(2);
        assertThat(moved.state()).isEqualTo(CaseState.REGISTERED);
        assertThat(await(stores.cases().get("20261122-0001"))).contains(moved);
    }

    @Test
    void appendingAgainstAnOldVersionFailsWithConflictAndWritesNothing() throws Exception {
        await(stores.cases().create(details("20261122-0001"), received()));
        await(stores.cases().append("20261122-0001", event(2, CaseState.RECEIVED, CaseState.REGISTERED, "agent-7")));

        Throwable failure = failure(stores.cases().append("20261122-0001",
                event(2, CaseState.RECEIVED, CaseState.CANCELLED, "agent-8")));

        assertThat(failure).isInstanceOf(CaseConflictException.class).hasMessageContaining("version 2");
        assertThat(await(stores.cases().get("20261122-0001")).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void appendingAnEventThatDoesNotFollowTheCaseIsRefusedAndWritesNothing() throws Exception {
        await(stores.cases().create(details("20261122-0001"), received()));

        assertThat(failure(stores.cases().append("20261122-0001",
                event(2, CaseState.DISPATCHED, CaseState.IN_PROGRESS, "worker-3"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(await(stores.cases().get("20261122-0001")).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void appendingToAMissingCaseFailsWithNotFound() throws Exception {
        assertThat(failure(stores.cases().append("20261122-0404",
                event(2, CaseState.RECEIVED, CaseState.REGISTERED, "agent-7"))))
                .isInstanceOf(NotFoundException.class);
        assertThat(await(stores.cases().get("20261122-0404"))).isEmpty();
    }

    @Test
    void ofManyAppendsAgainstTheSameVersionExactlyOneWinsEveryTime() throws Exception {
        await(stores.cases().create(details("20261122-0001"), received()));
        List<CaseEvent> winners = new ArrayList<>(List.of(received()));
        CaseState state = CaseState.RECEIVED;
        // Re-dispatch (DISPATCHED → DISPATCHED) lets the race run again and again on one case.
        for (int version = 1; version <= 10; version++) {
            CaseState from = state;
            CaseState to = version == 1 ? CaseState.REGISTERED : CaseState.DISPATCHED;
            int sequence = version + 1;
            List<Optional<Case>> outcomes = race(50, racer -> stores.cases()
                    .append("20261122-0001", new CaseEvent(sequence, T0.plusSeconds(sequence), "agent-" + racer,
                            from, to, null, null, "worker-" + racer, null))
                    .map(Optional::of)
                    .recover(e -> e instanceof CaseConflictException ? Future.succeededFuture(Optional.empty())
                            : Future.failedFuture(e)));

            List<Case> won = outcomes.stream().flatMap(Optional::stream).toList();
            assertThat(won).as("winners against version %d", version).hasSize(1);
            winners.add(won.get(0).lastEvent());
            state = to;
        }

        Case finalCase = await(stores.cases().get("20261122-0001")).orElseThrow();
        assertThat(finalCase.version()).isEqualTo(11);
        assertThat(finalCase.log()).containsExactlyElementsOf(winners);
    }

    @Test
    void caseNumbersAreUniqueAndConsecutiveUnderConcurrency() throws Exception {
        List<String> numbers = race(1000, i -> stores.cases().nextNumber(DAY));

        Set<String> expected = new HashSet<>();
        IntStream.rangeClosed(1, 1000).forEach(n -> expected.add(CaseNumbers.format(DAY, n)));
        assertThat(new HashSet<>(numbers)).hasSize(1000).isEqualTo(expected);
    }

    @Test
    void aCaseCreatedWithANewNumberSharesTheDaysCounterAndReadsBack() throws Exception {
        assertThat(await(stores.cases().nextNumber(DAY))).isEqualTo("20261122-0001");
        Case created = await(stores.cases().createNumbered(DAY, details(null), received()));

        assertThat(created.number()).isEqualTo("20261122-0002");
        assertThat(created.details()).isEqualTo(details("20261122-0002"));
        Case read = await(stores.cases().get("20261122-0002")).orElseThrow();
        assertThat(read.details()).isEqualTo(details("20261122-0002"));
        assertThat(read.log()).containsExactly(received());
        assertThat(await(stores.cases().createNumbered(DAY.plusDays(1), details(null), received())).number())
                .isEqualTo("20261123-0001");
        assertThat(await(stores.cases().nextNumber(DAY))).isEqualTo("20261122-0003");
        assertThat(await(stores.cases().recentNumbers(10))).containsExactly("20261123-0001", "20261122-0002");
        assertThat(await(stores.cases().recentNumbersOfCitizen("p-1", 10)))
                .containsExactly("20261123-0001", "20261122-0002");
    }

    @Test
    void aNewNumberSkipsNumbersAlreadyTaken() throws Exception {
        // A counter behind the cases, as after restoring an older copy of the store.
        await(stores.cases().create(details("20261122-0001"), received()));
        await(stores.cases().create(details("20261122-0002"), received()));

        Case created = await(stores.cases().createNumbered(DAY, detailsOf(null, null), received()));

        assertThat(created.number()).isEqualTo("20261122-0003");
        assertThat(await(stores.cases().get("20261122-0001")).orElseThrow().details())
                .as("the case that held the number is untouched").isEqualTo(details("20261122-0001"));
        assertThat(await(stores.cases().get("20261122-0003")).orElseThrow().details())
                .isEqualTo(detailsOf("20261122-0003", null));
    }

    @Test
    void casesCreatedWithNewNumbersAtOnceGetConsecutiveNumbers() throws Exception {
        List<Case> created = race(200, i -> stores.cases().createNumbered(DAY, details(null), received()));

        Set<String> expected = new HashSet<>();
        IntStream.rangeClosed(1, 200).forEach(n -> expected.add(CaseNumbers.format(DAY, n)));
        assertThat(created.stream().map(Case::number).collect(Collectors.toSet()))
                .isEqualTo(expected);
        for (String number : expected) {
            assertThat(await(stores.cases().get(number))).as(number).isPresent();
        }
    }

    @Test
    void aNewCaseLinksItsContactInTheSameStepUnlessTheContactHasACaseAlready() throws Exception {
        // A resident's text that quotes the field's name, and nested records after it: the link still lands.
        Contact reported = new Contact(null, Channel.APP, "p-1", "app-1", T0, "他说 \"caseNumber\":\"x\" {}", null,
                new GeoPoint(120.15, 30.27), Priority.NORMAL, "app-report-link",
                List.of(new Attachment("photo", "upload:1.jpg", "image/jpeg", 2048)), null);
        Contact stored = await(stores.contacts().add(reported)).contact();

        Case first = await(stores.cases().createNumbered(DAY, detailsFor(stored.id()), received()));
        Case second = await(stores.cases().createNumbered(DAY, detailsFor(stored.id()), received()));
        Case orphan = await(stores.cases().createNumbered(DAY, detailsFor("c-missing"), received()));

        assertThat(await(stores.contacts().get(stored.id()))).contains(stored.withCaseNumber(first.number()));
        assertThat(second.number()).as("a second case from the same call is still opened").isNotEqualTo(first.number());
        assertThat(await(stores.cases().get(second.number()))).isPresent();
        assertThat(await(stores.cases().get(orphan.number()))).isPresent();
        assertThat(await(stores.contacts().get("c-missing"))).isEmpty();
    }

    @Test
    void aMessageJoiningWhileTheCaseIsOpenedKeepsBothTheMessageAndTheLink() throws Exception {
        Contact first = await(stores.contacts().add(contact("wx-race-1"))).contact();
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        Future<Case>[] opened = new Future[1];

        Optional<Contact> changed = await(stores.contacts().change(first.id(), current -> {
            if (tries.getAndIncrement() == 0) {
                // The case is opened, and links the contact, between this read and this write.
                opened[0] = stores.cases().createNumbered(DAY, detailsFor(first.id()), received());
            }
            return withText(current, current.text() + "\n还有一盏也坏了");
        }));

        String number = await(opened[0]).number();
        assertThat(tries).as("read and changed again").hasValue(2);
        assertThat(changed).contains(withText(first, "路灯不亮了\n还有一盏也坏了").withCaseNumber(number));
        assertThat(await(stores.contacts().get(first.id()))).isEqualTo(changed);
    }

    /** A document for the reference store's change. */
    record Names(List<String> names) {
    }

    @Test
    void aDocumentChangeIsAppliedAgainWhenAnotherNodeStoredItMeanwhile() throws Exception {
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        Function<Optional<Names>, Names> addMine = stored -> {
            List<String> names = new ArrayList<>(stored.map(Names::names).orElse(List.of()));
            names.add("mine");
            return new Names(names);
        };

        assertThat(await(stores.reference().change("race", "fresh", Names.class, addMine)).names())
                .as("an absent document is created").containsExactly("mine");
        Names changed = await(stores.reference().change("race", "doc", Names.class, stored -> {
            if (tries.getAndIncrement() == 0) {
                stores.reference().put("race", "doc", new Names(List.of("other")));
            }
            return addMine.apply(stored);
        }));

        assertThat(tries).hasValue(2);
        assertThat(changed.names()).containsExactly("other", "mine");
        assertThat(await(stores.reference().get("race", "doc", Names.class))).contains(changed);

        assertThat(await(stores.reference().change("race", "doc", Names.class, stored -> null))).isNull();
        assertThat(await(stores.reference().get("race", "doc", Names.class))).as("removed").isEmpty();
        assertThat(await(stores.reference().change("race", "none", Names.class, stored -> null))).isNull();
        assertThat(await(stores.reference().list("race", Names.class))).as("nothing created")
                .containsExactly(new Names(List.of("mine")));
    }

    private static Contact withText(Contact c, String text) {
        return new Contact(c.id(), c.channel(), c.citizenId(), c.sender(), c.receivedAt(), text, c.call(), c.location(),
                c.priority(), c.idempotencyKey(), c.attachments(), c.caseNumber());
    }

    @Test
    void caseNumbersStartAgainEachDay() throws Exception {
        assertThat(await(stores.cases().nextNumber(DAY))).isEqualTo("20261122-0001");
        assertThat(await(stores.cases().nextNumber(DAY))).isEqualTo("20261122-0002");
        assertThat(await(stores.cases().nextNumber(DAY.plusDays(1)))).isEqualTo("20261123-0001");
        assertThat(await(stores.cases().nextNumber(DAY))).isEqualTo("20261122-0003");
    }

    @Test
    void recentNumbersAreNewestFirstByDayThenSequence() throws Exception {
        for (String number : List.of("20261122-0009", "20261121-0002", "20261122-10000", "20261123-0001",
                "20261122-0010", "20261122-0001")) {
            await(stores.cases().create(details(number), received()));
        }

        assertThat(await(stores.cases().recentNumbers(10))).containsExactly("20261123-0001", "20261122-10000",
                "20261122-0010", "20261122-0009", "20261122-0001", "20261121-0002");
        assertThat(await(stores.cases().recentNumbers(3)))
                .containsExactly("20261123-0001", "20261122-10000", "20261122-0010");
        assertThat(await(stores.cases().recentNumbers(0))).isEmpty();
    }

    @Test
    void aResidentsCasesAreListedNewestFirstAndOnlyTheirs() throws Exception {
        for (String number : List.of("20261122-0009", "20261121-0002", "20261122-10000")) {
            await(stores.cases().create(detailsOf(number, "p-7"), received()));
        }
        await(stores.cases().create(detailsOf("20261122-0010", "p-8"), received()));
        await(stores.cases().create(detailsOf("20261122-0011", null), received()));
        // A number taken already leaves the first owner's list as it was.
        failure(stores.cases().create(detailsOf("20261122-0010", "p-7"), received()));

        assertThat(await(stores.cases().recentNumbersOfCitizen("p-7", 10)))
                .containsExactly("20261122-10000", "20261122-0009", "20261121-0002");
        assertThat(await(stores.cases().recentNumbersOfCitizen("p-7", 1))).containsExactly("20261122-10000");
        assertThat(await(stores.cases().recentNumbersOfCitizen("p-8", 10))).containsExactly("20261122-0010");
        assertThat(await(stores.cases().recentNumbersOfCitizen("p-unknown", 10))).isEmpty();
        assertThat(await(stores.cases().recentNumbersOfCitizen(null, 10))).isEmpty();
    }

    // ---- citizens

    @Test
    void aCitizenIsFoundByEachOfTheirAddresses() throws Exception {
        Citizen stored = await(stores.citizens().put(
                new Citizen(null, "13800000001", "oWx-1", "app-1", "王芳", "滨江路 8 号", null)));

        assertThat(stored.id()).isNotBlank();
        assertThat(await(stores.citizens().get(stored.id()))).contains(stored);
        assertThat(await(stores.citizens().findByPhone("13800000001"))).contains(stored);
        assertThat(await(stores.citizens().findByWechatOpenId("oWx-1"))).contains(stored);
        assertThat(await(stores.citizens().findByAppAccount("app-1"))).contains(stored);
        assertThat(await(stores.citizens().findByPhone("13900000000"))).isEmpty();
        assertThat(await(stores.citizens().findByPhone(null))).isEmpty();
        assertThat(await(stores.citizens().get("p-unknown"))).isEmpty();
    }

    @Test
    void aNewAddressRegistersOneResidentAndAKnownOneFindsTheirs() throws Exception {
        Citizen known = await(stores.citizens().put(new Citizen(null, "13800000001", "oWx-1", null, "王芳", null, null)));

        assertThat(await(stores.citizens().idOrRegister(new Citizen(null, "13800000001", null, null, "王", null, null))))
                .isEqualTo(known.id());
        assertThat(await(stores.citizens().idOrRegister(new Citizen(null, null, "oWx-1", null, null, null, null))))
                .isEqualTo(known.id());
        // Many messages from one new openid at once: one resident.
        List<String> ids = race(50, i -> stores.citizens().idOrRegister(
                new Citizen(null, null, "oWx-new", null, null, null, null)));
        assertThat(Set.copyOf(ids)).hasSize(1);
        Citizen registered = await(stores.citizens().get(ids.get(0))).orElseThrow();
        assertThat(registered.wechatOpenId()).isEqualTo("oWx-new");
        assertThat(await(stores.citizens().findByWechatOpenId("oWx-new"))).contains(registered);
        String byPhone = await(stores.citizens().idOrRegister(
                new Citizen(null, "13900000002", null, null, "李明", null, null)));
        assertThat(await(stores.citizens().findByPhone("13900000002")).map(Citizen::name)).contains("李明");
        assertThat(byPhone).isNotIn(known.id(), registered.id());
        assertThat(failure(stores.citizens().idOrRegister(new Citizen(null, null, null, null, "无名", null, null))))
                .hasMessageContaining("needs a phone, WeChat openid or app account");
    }

    @Test
    void changingAPhoneMovesTheIndexAndDroppingAnAddressRemovesIt() throws Exception {
        Citizen stored = await(stores.citizens().put(
                new Citizen(null, "13800000001", "oWx-1", "app-1", "王芳", null, null)));

        Citizen moved = await(stores.citizens().put(
                new Citizen(stored.id(), "13800000002", "oWx-1", null, "王芳", null, null)));

        assertThat(await(stores.citizens().findByPhone("13800000001"))).isEmpty();
        assertThat(await(stores.citizens().findByPhone("13800000002"))).contains(moved);
        assertThat(await(stores.citizens().findByWechatOpenId("oWx-1"))).contains(moved);
        assertThat(await(stores.citizens().findByAppAccount("app-1"))).isEmpty();
        assertThat(await(stores.citizens().get(stored.id()))).contains(moved);
    }

    @Test
    void movingAwayFromAPhoneLeavesItToTheCitizenWhoHasItNow() throws Exception {
        Citizen first = await(stores.citizens().put(new Citizen("p-1", "13800000001", null, null, "甲", null, null)));
        Citizen second = await(stores.citizens().put(new Citizen("p-2", "13800000001", null, null, "乙", null, null)));
        // The first resident hands the number over (a family phone) and registers a new one.
        await(stores.citizens().put(new Citizen("p-1", "13800000009", null, null, "甲", null, null)));

        assertThat(await(stores.citizens().findByPhone("13800000001"))).contains(second);
        assertThat(await(stores.citizens().findByPhone("13800000009")).map(Citizen::id)).contains(first.id());
    }

    // ---- reference data

    @Test
    void replacingAllDocumentsOfAKindDropsTheOldOnes() throws Exception {
        await(stores.reference().replaceAll("category", Map.of("01", doc("01", "城市管理"),
                "02", doc("02", "环境保护"))));
        Map<String, Doc> fresh = new LinkedHashMap<>();
        fresh.put("02", doc("02", "生态环境"));
        fresh.put("03", doc("03", "交通运输"));

        await(stores.reference().replaceAll("category", fresh));

        assertThat(await(stores.reference().list("category", Doc.class)))
                .containsExactlyInAnyOrder(doc("02", "生态环境"), doc("03", "交通运输"));
        assertThat(await(stores.reference().get("category", "01", Doc.class))).isEmpty();
        await(stores.reference().replaceAll("category", Map.of()));
        assertThat(await(stores.reference().list("category", Doc.class))).isEmpty();
    }

    @Test
    void aReferenceDocumentReadsBackAsItsType() throws Exception {
        await(stores.reference().put("category", "0101", doc("0101", "占道经营")));

        assertThat(await(stores.reference().get("category", "0101", Doc.class)))
                .contains(doc("0101", "占道经营"));
        assertThat(await(stores.reference().get("category", "0102", Doc.class))).isEmpty();
        assertThat(await(stores.reference().list("category", Doc.class)))
                .containsExactly(doc("0101", "占道经营"));
    }

    @Test
    void aRemovedReferenceDocumentIsGoneAndTheOthersStay() throws Exception {
        await(stores.reference().put("category", "0101", doc("0101", "占道经营")));
        await(stores.reference().put("category", "0102", doc("0102", "乱堆乱放")));

        await(stores.reference().remove("category", "0101"));
        await(stores.reference().remove("category", "0199"));

        assertThat(await(stores.reference().get("category", "0101", Doc.class))).isEmpty();
        assertThat(await(stores.reference().list("category", Doc.class))).containsExactly(doc("0102", "乱堆乱放"));
    }

    @Test
    void referenceKindsAreKeptApart() throws Exception {
        await(stores.reference().put("category", "01", doc("01", "城市管理")));
        await(stores.reference().put("department", "01", doc("01", "城管局")));

        assertThat(await(stores.reference().get("category", "01", Doc.class)))
                .contains(doc("01", "城市管理"));
        assertThat(await(stores.reference().list("department", Doc.class)))
                .containsExactly(doc("01", "城管局"));
        assertThat(await(stores.reference().list("grid", Doc.class))).isEmpty();
    }

    // ---- threading

    @Test
    void storeFuturesCompleteOnTheCallersContext() throws Exception {
        Context context = vertx().getOrCreateContext();
        Promise<List<Boolean>> seen = Promise.promise();
        context.runOnContext(v -> {
            List<Future<?>> calls = List.of(stores.contacts().add(contact("wx-ctx")),
                    stores.cases().nextNumber(DAY), stores.citizens().findByPhone("13800000001"),
                    stores.reference().list("category", Doc.class));
            List<Boolean> onContext = new ArrayList<>();
            Future.all(calls.stream().map(call -> call.map(result -> {
                onContext.add(Vertx.currentContext() == context);
                return result;
            })).toList()).onComplete(done -> seen.complete(onContext));
        });

        assertThat(await(seen.future())).containsExactly(true, true, true, true);
    }

    // ---- due timers

    private static final java.time.Duration LEASE = java.time.Duration.ofMinutes(2);

    @Test
    void dueTimersAreClaimedEarliestFirstAndNotAgainWhileLeased() throws Exception {
        await(stores.timers().schedule(timer("b", T0.plusSeconds(20))));
        await(stores.timers().schedule(timer("a", T0.plusSeconds(10))));
        await(stores.timers().schedule(timer("later", T0.plusSeconds(3600))));

        assertThat(await(stores.timers().nextDue())).contains(T0.plusSeconds(10));
        assertThat(await(stores.timers().claimDue(T0, LEASE, 10))).isEmpty();
        List<DueTimer> claimed = await(stores.timers().claimDue(T0.plusSeconds(30), LEASE, 10));

        assertThat(claimed).extracting(DueTimer::id).containsExactly("a", "b");
        assertThat(claimed).extracting(DueTimer::dueAt).containsOnly(T0.plusSeconds(30).plus(LEASE));
        assertThat(await(stores.timers().claimDue(T0.plusSeconds(30), LEASE, 10))).isEmpty();
        assertThat(await(stores.timers().nextDue())).contains(T0.plusSeconds(30).plus(LEASE));
    }

    @Test
    void aClaimedTimerThatIsNotDoneIsDueAgainWhenTheLeaseEnds() throws Exception {
        await(stores.timers().schedule(timer("a", T0.plusSeconds(10))));
        DueTimer claimed = await(stores.timers().claimDue(T0.plusSeconds(10), LEASE, 10)).get(0);

        List<DueTimer> again = await(stores.timers().claimDue(claimed.dueAt(), LEASE, 10));

        assertThat(again).extracting(DueTimer::id).containsExactly("a");
        await(stores.timers().done(again.get(0)));
        assertThat(await(stores.timers().nextDue())).isEmpty();
    }

    @Test
    void doneKeepsATimerThatWasScheduledAnewSinceTheClaim() throws Exception {
        await(stores.timers().schedule(timer("a", T0.plusSeconds(10))));
        DueTimer claimed = await(stores.timers().claimDue(T0.plusSeconds(10), LEASE, 10)).get(0);
        await(stores.timers().schedule(timer("a", T0.plusSeconds(600))));

        await(stores.timers().done(claimed));

        assertThat(await(stores.timers().nextDue())).contains(T0.plusSeconds(600));
    }

    @Test
    void schedulingATimerAgainMovesItAndCancellingRemovesIt() throws Exception {
        await(stores.timers().schedule(timer("a", T0.plusSeconds(10))));
        await(stores.timers().schedule(timer("a", T0.plusSeconds(50))));
        await(stores.timers().schedule(timer("b", T0.plusSeconds(5))));
        await(stores.timers().cancel("b"));

        assertThat(await(stores.timers().claimDue(T0.plusSeconds(20), LEASE, 10))).isEmpty();
        assertThat(await(stores.timers().claimDue(T0.plusSeconds(60), LEASE, 10))).extracting(DueTimer::id)
                .containsExactly("a");
    }

    @Test
    void claimingTakesAtMostTheLimit() throws Exception {
        for (int i = 0; i < 5; i++) {
            await(stores.timers().schedule(timer("t" + i, T0.plusSeconds(i))));
        }

        assertThat(await(stores.timers().claimDue(T0.plusSeconds(10), LEASE, 2))).extracting(DueTimer::id)
                .containsExactly("t0", "t1");
        assertThat(await(stores.timers().claimDue(T0.plusSeconds(10), LEASE, 0))).isEmpty();
    }

    @Test
    void manyConcurrentClaimersGetEachDueTimerExactlyOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            await(stores.timers().schedule(timer("t" + i, T0.plusSeconds(i))));
        }

        List<List<DueTimer>> claims = race(20, i -> stores.timers().claimDue(T0.plusSeconds(100), LEASE, 3));

        List<String> claimed = claims.stream().flatMap(List::stream).map(DueTimer::id).toList();
        assertThat(claimed).doesNotHaveDuplicates();
        assertThat(claimed.size() + await(stores.timers().claimDue(T0.plusSeconds(100), LEASE, 100)).size())
                .isEqualTo(40);
    }

    protected static DueTimer timer(String id, Instant due) {
        return new DueTimer(id, "20261122-0001", "REMINDER", due, T0.plusSeconds(86_400));
    }

    // ---- helpers

    protected static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    protected static Throwable failure(Future<?> future) throws Exception {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the call to fail, it succeeded");
    }

    /** Releases {@code racers} threads at once, each making one call, and waits for every result. */
    protected static <T> List<T> race(int racers, Function<Integer, Future<T>> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(racers, 64));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<java.util.concurrent.Future<Future<T>>> started = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int racer = i;
                Callable<Future<T>> task = () -> {
                    start.await();
                    return call.apply(racer);
                };
                started.add(threads.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (java.util.concurrent.Future<Future<T>> each : started) {
                results.add(await(each.get(10, SECONDS)));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    protected static Contact contact(String idempotencyKey) {
        return new Contact(null, Channel.WECHAT, null, "openid-1", T0, "路灯不亮了", null, null, Priority.NORMAL,
                idempotencyKey, null, null);
    }

    protected static Contact from(String sender, String idempotencyKey, Instant at) {
        return new Contact(null, Channel.HOTLINE_12345, null, sender, at, null, null, null, Priority.NORMAL,
                idempotencyKey, null, null);
    }

    protected static CaseDetails detailsOf(String number, String citizenId) {
        return new CaseDetails(number, "0101", Channel.HOTLINE_12345, Priority.NORMAL, citizenId, null,
                "滨江路路灯不亮", "滨江路 8 号", null, null, null, T0);
    }

    protected static CaseDetails detailsFor(String contactId) {
        return new CaseDetails(null, "0101", Channel.APP, Priority.NORMAL, "p-1", contactId,
                "滨江路路灯不亮", "滨江路 8 号", null, null, null, T0);
    }

    protected static CaseDetails details(String number) {
        return new CaseDetails(number, "0101", Channel.HOTLINE_12345, Priority.NORMAL, "p-1", "c-1",
                "滨江路路灯不亮", "滨江路 8 号", null, null, null, T0);
    }

    protected static CaseEvent received() {
        return event(1, null, CaseState.RECEIVED, "agent-7");
    }

    protected static CaseEvent event(int sequence, CaseState from, CaseState to, String actor) {
        return new CaseEvent(sequence, T0.plusSeconds(sequence), actor, from, to, null, null, null, null);
    }

    protected static CaseEvent dispatch(int sequence, CaseState from, String assignee) {
        return new CaseEvent(sequence, T0.plusSeconds(sequence), "agent-7", from, CaseState.DISPATCHED, null,
                T0.plusSeconds(86_400), assignee, "派遣");
    }

    protected static Doc doc(String code, String name) {
        return new Doc(code, name, List.of("城管局"), 5);
    }

    /** A reference document as the stores see one: any JSON-mapped record. */
    public record Doc(String code, String name, List<String> departments, int days) {
    }

    @Test
    void waitingQueueEntriesAreSavedReplacedAndRemoved() throws Exception {
        QueueEntry call = new QueueEntry("c-1", Channel.HOTLINE_12345, Priority.NORMAL, "13800138000",
                new CallReference("1763888000.42", "1763888000.42", "12345", "1"),
                List.of(List.of("category:01", "lang:yue"), List.of()), Instant.parse("2026-11-23T01:00:00Z"), 7,
                0, null, false, null, 0, "VOICE");
        QueueEntry letter = new QueueEntry("c-2", Channel.MAILBOX, Priority.LOW, "王先生", null, List.of(List.of()),
                Instant.parse("2026-11-22T01:00:00Z"), 1, 0, null, false, null, 0, "LETTER");
        await(stores.queue().save(call));
        await(stores.queue().save(letter));
        QueueEntry widenedCallback = new QueueEntry("c-1", Channel.HOTLINE_12345, Priority.NORMAL, "13800138000",
                call.call(), call.needs(), call.enqueuedAt(), 7, 1, Instant.parse("2026-11-23T02:00:00Z"), true,
                "13800138000", 1, "VOICE");
        await(stores.queue().save(widenedCallback));

        assertThat(await(stores.queue().loadAll())).containsExactlyInAnyOrder(widenedCallback, letter);
        await(stores.queue().remove("c-2"));
        assertThat(await(stores.queue().loadAll())).containsExactly(widenedCallback);
    }

    @Test
    void aDeposedLeadersLateQueueWriteIsRefusedOnceANewerFenceIsRaised() throws Exception {
        QueueEntry entry = new QueueEntry("c-9", Channel.WECHAT, Priority.NORMAL, "openid-1", null, List.of(List.of()),
                Instant.parse("2026-11-23T01:00:00Z"), 1, 0, null, false, null, 0, "CHAT");
        Fence first = await(stores.fences().claim(QueueStore.FENCED_BY, "node-a", FENCE_LEASE)).orElseThrow();
        await(stores.queue().save(entry, first.token()));
        await(stores.fences().release(first));
        Fence second = await(stores.fences().claim(QueueStore.FENCED_BY, "node-b", FENCE_LEASE)).orElseThrow();
        assertThat(second.token()).isGreaterThan(first.token());

        assertThat(failure(stores.queue().remove("c-9", first.token()))).isInstanceOf(FencedOffException.class);
        assertThat(failure(stores.queue().save(entry, first.token()))).isInstanceOf(FencedOffException.class);
        assertThat(await(stores.queue().loadAll())).containsExactly(entry);
        await(stores.queue().remove("c-9", second.token()));
        assertThat(await(stores.queue().loadAll())).isEmpty();
    }

    @Test
    void aFinishedContactLeavesTheQueueAndIsRememberedForAWhileUnderTheFence() throws Exception {
        Instant t0 = Instant.parse("2026-11-23T01:00:00Z");
        QueueEntry held = new QueueEntry("f-1", Channel.APP, Priority.NORMAL, "u-1", null, List.of(List.of()), t0, 1,
                0, null, false, null, 0, "CHAT", "8001");
        Fence first = await(stores.fences().claim(QueueStore.FENCED_BY, "node-a", FENCE_LEASE)).orElseThrow();
        await(stores.queue().save(held, first.token()));

        await(stores.queue().finish("f-1", t0.plusSeconds(10), first.token()));
        await(stores.queue().finish("f-2", t0.plusSeconds(20), first.token()));

        assertThat(await(stores.queue().loadAll())).isEmpty();
        assertThat(await(stores.queue().finishedSince(t0)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("f-1", t0.plusSeconds(10), "f-2", t0.plusSeconds(20)));
        assertThat(await(stores.queue().finishedSince(t0.plusSeconds(15)))).containsOnlyKeys("f-2");

        // A finish past the keeping time forgets the older ones; a deposed router's finish is refused.
        Instant later = t0.plusSeconds(20).plus(QueueStore.FINISHED_KEPT).plusSeconds(5);
        await(stores.queue().finish("f-3", later, first.token()));
        assertThat(await(stores.queue().finishedSince(t0))).containsOnlyKeys("f-3");
        await(stores.fences().release(first));
        Fence second = await(stores.fences().claim(QueueStore.FENCED_BY, "node-b", FENCE_LEASE)).orElseThrow();
        assertThat(failure(stores.queue().finish("f-4", later, first.token()))).isInstanceOf(FencedOffException.class);
        await(stores.queue().finish("f-4", later, second.token()));
        assertThat(await(stores.queue().finishedSince(t0))).containsOnlyKeys("f-3", "f-4");
    }

    @Test
    void whileOneHoldersLeaseRunsAnotherCannotClaimTheSingleton() throws Exception {
        Fence a = await(stores.fences().claim("grid-dispatch", "node-a", FENCE_LEASE)).orElseThrow();

        assertThat(await(stores.fences().claim("grid-dispatch", "node-b", FENCE_LEASE))).isEmpty();
        assertThat(await(stores.fences().renew(a, FENCE_LEASE))).isTrue();
        assertThat(await(stores.fences().claim("grid-dispatch", "node-b", FENCE_LEASE))).isEmpty();
        // Another singleton's lease is its own.
        assertThat(await(stores.fences().claim("alarm-desk", "node-b", FENCE_LEASE))).isPresent();
        assertThat(await(stores.fences().current("grid-dispatch"))).isEqualTo(a.token());
    }

    @Test
    void aReleasedLeaseGoesToTheNextHolderWithAHigherTokenAndDeposesTheOld() throws Exception {
        Fence a = await(stores.fences().claim("router", "node-a", FENCE_LEASE)).orElseThrow();
        await(stores.fences().release(a));

        Fence b = await(stores.fences().claim("router", "node-b", FENCE_LEASE)).orElseThrow();

        assertThat(b.token()).isGreaterThan(a.token());
        assertThat(await(stores.fences().renew(a, FENCE_LEASE))).as("the deposed holder learns it").isFalse();
        await(stores.fences().release(a));
        assertThat(await(stores.fences().claim("router", "node-c", FENCE_LEASE)))
                .as("a deposed holder's release leaves the new lease alone").isEmpty();
        assertThat(await(stores.fences().renew(b, FENCE_LEASE))).isTrue();
    }

    @Test
    void theSameHolderMayClaimAgainAtOnceAsANodeRestartingUnderItsId() throws Exception {
        Fence before = await(stores.fences().claim("ami", "node-a", FENCE_LEASE)).orElseThrow();

        Fence after = await(stores.fences().claim("ami", "node-a", FENCE_LEASE)).orElseThrow();

        assertThat(after.token()).isGreaterThan(before.token());
        assertThat(await(stores.fences().renew(before, FENCE_LEASE))).isFalse();
    }

    @Test
    void aLeaseNotRenewedRunsOutAndAnotherHolderMayClaim() throws Exception {
        Fence a = await(stores.fences().claim("wechat-token", "node-a", Duration.ofMillis(150))).orElseThrow();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        java.util.Optional<Fence> b = java.util.Optional.empty();
        while (b.isEmpty() && System.nanoTime() < deadline) {
            b = await(stores.fences().claim("wechat-token", "node-b", FENCE_LEASE));
        }

        assertThat(b).hasValueSatisfying(f -> assertThat(f.token()).isGreaterThan(a.token()));
    }

    @Test
    void aDeposedLeadersLateSnapshotOfReferenceDocumentsIsRefused() throws Exception {
        Fence old = await(stores.fences().claim("grid-dispatch", "node-a", FENCE_LEASE)).orElseThrow();
        await(stores.reference().replaceAll("grid-task", Map.of("t-1", doc("t-1", "offered")), old));
        await(stores.reference().put("grid-task", "t-2", doc("t-2", "offered"), old));
        await(stores.fences().release(old));
        Fence current = await(stores.fences().claim("grid-dispatch", "node-b", FENCE_LEASE)).orElseThrow();
        await(stores.reference().replaceAll("grid-task", Map.of("t-1", doc("t-1", "accepted")), current));

        assertThat(failure(stores.reference().replaceAll("grid-task", Map.of("t-1", doc("t-1", "offered")), old)))
                .isInstanceOf(FencedOffException.class);
        assertThat(failure(stores.reference().put("grid-task", "t-3", doc("t-3", "offered"), old)))
                .isInstanceOf(FencedOffException.class);
        assertThat(await(stores.reference().list("grid-task", Doc.class))).containsExactly(doc("t-1", "accepted"));
    }
}
