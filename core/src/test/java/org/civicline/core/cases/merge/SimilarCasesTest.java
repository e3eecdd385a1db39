package org.civicline.core.cases.merge;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.civicline.core.cases.CaseScan;
import org.civicline.core.model.Channel;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.model.Priority;
import org.civicline.core.store.CaseStore;
import org.civicline.core.store.memory.MemoryStores;
import org.civicline.core.workflow.CaseDetails;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;
import org.junit.jupiter.api.Test;

/** What the case form offers as possible duplicates while the agent types, before the case exists. */
class SimilarCasesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final GeoPoint WENSAN_8 = new GeoPoint(120.1300, 30.2800);
    /** About 110 m north of 文三路 8 号. */
    private static final GeoPoint NORTH_110M = new GeoPoint(120.1300, 30.2810);
    /** About 1.1 km north. */
    private static final GeoPoint NORTH_1KM = new GeoPoint(120.1300, 30.2900);

    private final CaseStore cases = MemoryStores.create().cases();
    private final SimilarCases similar = new SimilarCases(new CaseScan(cases, 100), 200, 72);

    @Test
    void aCaseOfTheSameCategoryNearThePlaceIsOfferedNearestFirst() throws Exception {
        open("20261122-0001", "0102", "路灯不亮", "文三路 10 号", NORTH_110M, null, hoursAgo(5));
        open("20261122-0002", "0102", "路灯一闪一闪", "文三路 8 号", WENSAN_8, null, hoursAgo(30));
        open("20261122-0003", "0102", "路灯坏了", "学院路", NORTH_1KM, null, hoursAgo(1));
        open("20261122-0004", "0201", "垃圾没人收", "文三路 8 号", WENSAN_8, null, hoursAgo(1));

        List<SimilarCases.Candidate> found = like(new SimilarCases.Probe("0102", WENSAN_8, null, "门口的灯", NOW));

        assertThat(found).extracting(SimilarCases.Candidate::number).containsExactly("20261122-0002", "20261122-0001");
        assertThat(found.get(0).distanceMeters()).isZero();
        assertThat(found.get(1).distanceMeters()).isBetween(100L, 120L);
        assertThat(found).allSatisfy(c -> assertThat(c.near()).isTrue());
    }

    @Test
    void theSameGridCellCountsAsNearWhenTheCasesHaveNoPoint() throws Exception {
        open("20261122-0001", "0102", "路灯不亮", "文三路 8 号", null, "330106001001003", hoursAgo(2));
        open("20261122-0002", "0102", "路灯不亮", "学院路", null, "330106002001001", hoursAgo(2));

        // A main category matches its sub-categories too.
        assertThat(like(new SimilarCases.Probe("01", null, "330106001001003", null, NOW)))
                .extracting(SimilarCases.Candidate::number).containsExactly("20261122-0001");
    }

    @Test
    void aTextThatSharesEnoughOfItsWordsIsOfferedWhateverTheCategory() throws Exception {
        open("20261122-0001", null, "幸福路12号门前路灯不亮三天了", "幸福路12号", null, null, hoursAgo(3));
        open("20261122-0002", "0302", "楼上装修噪音太大", "幸福路3号", null, null, hoursAgo(3));

        List<SimilarCases.Candidate> found = like(new SimilarCases.Probe("0102", null, null,
                SimilarCases.text("幸福路12号路灯不亮", "幸福路12号"), NOW));

        assertThat(found).extracting(SimilarCases.Candidate::number).containsExactly("20261122-0001");
        assertThat(found.get(0).near()).isFalse();
        assertThat(found.get(0).textOverlap()).isGreaterThanOrEqualTo(SimilarCases.TEXT_OVERLAP);
    }

    @Test
    void closedCasesCountOnlyWithinTheWindowAndMergedOrCancelledNever() throws Exception {
        open("20261122-0001", "0102", "路灯不亮", "文三路 8 号", WENSAN_8, null, hoursAgo(100));
        open("20261122-0002", "0102", "路灯不亮", "文三路 8 号", WENSAN_8, null, hoursAgo(100));
        move("20261122-0002", CaseState.RESOLVED_ON_CONTACT);
        open("20261122-0003", "0102", "路灯不亮", "文三路 8 号", WENSAN_8, null, hoursAgo(10));
        move("20261122-0003", CaseState.RESOLVED_ON_CONTACT);
        open("20261122-0004", "0102", "路灯不亮", "文三路 8 号", WENSAN_8, null, hoursAgo(1));
        move("20261122-0004", CaseState.CANCELLED);

        List<SimilarCases.Candidate> found = like(new SimilarCases.Probe("0102", WENSAN_8, null, "路灯不亮", NOW));

        // The open case of 100 hours ago still counts; the one resolved 100 hours ago is outside the 72-hour window.
        assertThat(found).extracting(SimilarCases.Candidate::number)
                .containsExactlyInAnyOrder("20261122-0001", "20261122-0003");
        assertThat(found).filteredOn(SimilarCases.Candidate::open).extracting(SimilarCases.Candidate::number)
                .containsExactly("20261122-0001");
    }

    @Test
    void anEmptyFormFindsNothing() throws Exception {
        open("20261122-0001", "0102", "路灯不亮", "文三路 8 号", WENSAN_8, null, hoursAgo(1));

        assertThat(like(new SimilarCases.Probe(null, null, null, null, NOW))).isEmpty();
    }

    private List<SimilarCases.Candidate> like(SimilarCases.Probe probe) throws Exception {
        return await(similar.like(probe, 10));
    }

    private static Instant hoursAgo(int hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    private void open(String number, String category, String description, String address, GeoPoint at, String grid,
                      Instant created) throws Exception {
        await(cases.create(new CaseDetails(number, category, Channel.HOTLINE_12345, Priority.NORMAL, "p-1", null,
                description, address, at, grid, null, created), new CaseEvent(1, created, "8001", null,
                CaseState.RECEIVED, null, null, null, null)));
    }

    private void move(String number, CaseState to) throws Exception {
        var current = await(cases.get(number)).orElseThrow();
        await(cases.append(number, new CaseEvent(current.version() + 1, current.lastEvent().at().plusSeconds(60),
                "8001", current.state(), to, "done", null, null, null)));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, SECONDS);
    }
}
