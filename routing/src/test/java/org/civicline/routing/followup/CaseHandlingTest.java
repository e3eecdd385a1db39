package org.civicline.routing.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicline.routing.followup.CasesNode.SHANGHAI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.core.bus.Addresses;
import org.civicline.core.bus.CreateCaseRequest;
import org.civicline.core.bus.ProgressRequest;
import org.civicline.core.bus.SendNotice;
import org.civicline.core.bus.TransitionCaseRequest;
import org.civicline.core.cases.deadlines.TimerKind;
import org.civicline.core.cases.departments.DepartmentWork;
import org.civicline.core.cases.log.LogTag;
import org.civicline.core.cases.progress.ProgressView;
import org.civicline.core.json.Jsons;
import org.civicline.core.model.Channel;
import org.civicline.core.model.GeoPoint;
import org.civicline.core.reference.ReferenceData;
import org.civicline.core.routing.CallbackRequest;
import org.civicline.core.store.memory.MemoryStores;
import org.civicline.core.time.ManualClock;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseEvent;
import org.civicline.core.workflow.CaseState;
import org.civicline.core.workflow.CaseTransition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Case handling to the end over real HTTP, on the shipped configuration, with the clock moved by hand. */
class CaseHandlingTest {
    /** Friday 2026-11-20 10:00 in Hangzhou. */
    private static final Instant FRIDAY_10 = at("2026-11-20T10:00");
    private static final String STREET_LAMPS = "0102";
    private static ReferenceData reference;

    private ManualClock clock;
    private CasesNode node;

    @BeforeAll
    static void loadReference() {
        reference = ReferenceData.load(CasesNode.CONFIG);
    }

    @BeforeEach
    void start() throws Exception {
        clock = new ManualClock(FRIDAY_10, SHANGHAI);
        node = new CasesNode(MemoryStores.create(), clock, reference);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    // ---- departments and time limits

    @Test
    void dispatchPicksTheCatalogueDepartmentAndCountsTheLimitInWorkingTimeOverTheWeekend() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "文三路路灯不亮");

        JsonNode dispatched = dispatch(c.number()).json();

        assertThat(dispatched.path("state").asText()).isEqualTo("DISPATCHED");
        assertThat(dispatched.path("assignee").asText()).isEqualTo("城管局");
        // 3 working days = 24 working hours: Fri 7 h, Mon 8 h, Tue 8 h, Wed 1 h.
        assertThat(Instant.parse(dispatched.path("deadline").asText())).isEqualTo(at("2026-11-25T10:00"));
    }

    @Test
    void remindsAtEightyPercentThenPutsTheOverdueCaseUnderSupervisionAndTellsTheHead() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "文三路路灯不亮");
        dispatch(c.number());
        node.http.post(path(c, "accept"), json(Map.of("department", "城管局")));

        // 80 % of 24 working hours is 19 h 12 min: Fri 7 h, Mon 8 h, Tue 4 h 12 min → Tue 14:12.
        clock.set(at("2026-11-24T14:11"));
        node.runDueTimers();
        assertThat(tagged(c.number(), LogTag.REMINDER)).isEmpty();
        assertThat(node.notices).isEmpty();

        clock.set(at("2026-11-24T14:12"));
        node.runDueTimers();
        assertThat(tagged(c.number(), LogTag.REMINDER)).hasSize(1);
        SendNotice reminder = node.notices.poll();
        assertThat(reminder.to()).isEqualTo("0571-87000020");
        assertThat(reminder.purpose()).isEqualTo("reminder");
        assertThat(reminder.text()).contains("催办").contains(c.number());
        assertThat(node.http.get("/api/supervisor/supervision").json()).isEmpty();

        clock.set(at("2026-11-25T10:00"));
        node.runDueTimers();
        node.runDueTimers();

        assertThat(tagged(c.number(), LogTag.SUPERVISION)).hasSize(1);
        assertThat(tagged(c.number(), LogTag.REMINDER)).hasSize(1);
        SendNotice second = node.notices.poll();
        assertThat(second.to()).isEqualTo("0571-87000021");
        assertThat(second.text()).contains("督办");
        assertThat(node.notices).isEmpty();
        JsonNode supervised = node.http.get("/api/supervisor/supervision").json();
        assertThat(supervised).hasSize(1);
        assertThat(supervised.get(0).path("number").asText()).isEqualTo(c.number());
        assertThat(supervised.get(0).path("supervisions").asInt()).isEqualTo(1);
    }

    @Test
    void anOldOpenCaseStaysOnItsDepartmentsListUnderSupervisionAndInReportsBehindManyNewerCases() throws Exception {
        node.close();
        // Lists used to show the newest scanLimit cases only: at a city's few thousand cases a day, a case waiting
        // past its deadline had dropped out of them before supervision could find it.
        node = new CasesNode(v -> MemoryStores.create(), clock, reference,
                tree -> ((ObjectNode) tree.get("cases")).put("scanLimit", 3));
        Case old = node.create(STREET_LAMPS, "13800138000", "文三路路灯不亮");
        dispatch(old.number());
        node.http.post(path(old, "accept"), json(Map.of("department", "城管局")));
        for (int i = 0; i < 5; i++) {
            node.create(STREET_LAMPS, "1380013801" + i, "新的工单 " + i);
        }

        assertThat(node.http.get("/api/departments/城管局/cases").json()).extracting(n -> n.path("number").asText())
                .containsExactly(old.number());
        JsonNode report = node.http.get("/api/reports?period=day&date=2026-11-20&by=department").json();
        assertThat(row(report, "合计").path("received").asInt()).as("every case of the day, not the newest three")
                .isEqualTo(6);
        clock.set(at("2026-11-25T10:00"));
        node.runDueTimers();
        node.runDueTimers();
        assertThat(node.http.get("/api/supervisor/supervision").json()).extracting(n -> n.path("number").asText())
                .containsExactly(old.number());

    }

    @Test
    void aDepartmentThatDoesNotSignForADispatchedCaseInTimeIsReminded() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        Case signed = node.create(STREET_LAMPS, "13800138001", "路灯不亮");
        dispatch(c.number());
        dispatch(signed.number());
        node.http.post(path(signed, "accept"), json(Map.of("department", "城管局")));

        // 4 working hours from Fri 10:00: 10–12 and 13–15.
        clock.set(at("2026-11-20T14:59"));
        node.runDueTimers();
        assertThat(node.notices).isEmpty();
        clock.set(at("2026-11-20T15:00"));
        node.runDueTimers();

        assertThat(tagged(c.number(), LogTag.ACCEPT_OVERDUE)).hasSize(1);
        assertThat(tagged(signed.number(), LogTag.ACCEPT_OVERDUE)).isEmpty();
        SendNotice reminder = node.notices.poll();
        assertThat(reminder.to()).isEqualTo("0571-87000020");
        assertThat(reminder.text()).contains("尚未签收").contains(c.number());
        assertThat(node.notices).isEmpty();
    }

    @Test
    void feedbackNotVerifiedInTimeGoesOnTheSupervisionList() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        dispatch(c.number());
        node.http.post(path(c, "accept"), json(Map.of("department", "城管局")));
        node.http.post(path(c, "feedback"), json(Map.of("department", "城管局", "text", "已修复")));

        // 8 working hours from Fri 10:00: Fri 7 h, Mon 1 h → Mon 10:00.
        clock.set(at("2026-11-23T09:59"));
        node.runDueTimers();
        assertThat(node.http.get("/api/supervisor/supervision").json()).isEmpty();
        clock.set(at("2026-11-23T10:00"));
        node.runDueTimers();

        JsonNode supervised = node.http.get("/api/supervisor/supervision").json();
        assertThat(supervised).hasSize(1);
        assertThat(supervised.get(0).path("why").asText()).isEqualTo("VERIFICATION");
        assertThat(tagged(c.number(), LogTag.VERIFICATION_OVERDUE)).hasSize(1);
    }

    @Test
    void theLimitSkipsTheNationalDayHolidayAndCountsTheMakeUpSaturday() throws Exception {
        clock.set(at("2026-09-30T17:00"));
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");

        JsonNode dispatched = dispatch(c.number()).json();

        // Wed 30 Sep 1 h; 1–7 Oct off; Thu 8 h; Fri 8 h; Sat 10 Oct is a make-up working day: 7 h → 17:00.
        assertThat(Instant.parse(dispatched.path("deadline").asText())).isEqualTo(at("2026-10-10T17:00"));
        clock.set(at("2026-10-10T11:11"));
        node.runDueTimers();
        assertThat(tagged(c.number(), LogTag.REMINDER)).isEmpty();
        clock.set(at("2026-10-10T11:12"));
        node.runDueTimers();
        assertThat(tagged(c.number(), LogTag.REMINDER)).hasSize(1);
    }

    @Test
    void aDispatchThroughTheCaseServicesOwnContractGetsItsTimersToo() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        CompletableFuture<Object> woken = new CompletableFuture<>();
        node.vertx.eventBus().consumer(TimerKind.WAKE, m -> woken.complete(null));

        CasesNode.await(node.vertx.eventBus().request(Addresses.CASE_TRANSITION,
                new TransitionCaseRequest(c.number(), CaseTransition.to(CaseState.REGISTERED, "agent-7"))));
        CasesNode.await(node.vertx.eventBus().request(Addresses.CASE_TRANSITION,
                new TransitionCaseRequest(c.number(), CaseTransition.to(CaseState.DISPATCHED, "agent-7").assignedTo("城管局"))));
        woken.get(10, TimeUnit.SECONDS);

        // The first of its timers: the accept limit, 4 working hours after dispatch.
        assertThat(CasesNode.await(node.stores.timers().nextDue())).contains(at("2026-11-20T15:00"));
    }

    @Test
    void anApprovedExtensionMovesTheDeadlineAndTheReminderWithIt() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        dispatch(c.number());

        assertThat(node.http.post(path(c, "extension"), json(Map.of("department", "园林局", "workingHours", 8,
                "reason", "需要采购灯具"))).status()).isEqualTo(403);
        assertThat(node.http.post(path(c, "extension"), json(Map.of("department", "城管局", "workingHours", 8)))
                .json().path("problems").get(0).path("field").asText()).isEqualTo("reason");
        assertThat(node.http.post(path(c, "extension"), json(Map.of("department", "城管局", "workingHours", 8,
                "reason", "需要采购灯具"))).status()).isEqualTo(200);
        assertThat(node.http.post(path(c, "extension"), json(Map.of("department", "城管局", "workingHours", 8,
                "reason", "再次申请"))).status()).isEqualTo(422);

        JsonNode approved = node.http.post("/api/supervisor/cases/" + c.number() + "/extension/decision", json(Map.of("approver", "duty-chief",
                "approve", true))).json();

        assertThat(Instant.parse(approved.path("deadline").asText())).isEqualTo(at("2026-11-26T10:00"));
        clock.set(at("2026-11-24T14:12"));
        node.runDueTimers();
        assertThat(tagged(c.number(), LogTag.REMINDER)).isEmpty();
        // 80 % of Fri 10:00 → Thu 10:00 (32 working hours) is 25 h 36 min: Wed 11:36.
        clock.set(at("2026-11-25T11:36"));
        node.runDueTimers();
        assertThat(tagged(c.number(), LogTag.SUPERVISION)).isEmpty();
        assertThat(tagged(c.number(), LogTag.REMINDER)).hasSize(1);
    }

    @Test
    void aMisroutedCaseIsReturnedWithItsReasonAndTheReturnsAreCounted() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        dispatch(c.number());

        Http.Answer noReason = node.http.post(path(c, "return"), json(Map.of("department", "城管局")));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("problems").get(0).path("field").asText()).isEqualTo("reason");
        JsonNode returned = node.http.post(path(c, "return"), json(Map.of("department", "城管局",
                "reason", "该路段路灯归属市政管理处"))).json();
        assertThat(returned.path("state").asText()).isEqualTo("RETURNED");
        assertThat(returned.path("assignee").asText()).isEqualTo(DepartmentWork.HOTLINE);

        node.http.post(path(c, "dispatch"), json(Map.of("actor", "agent-7", "department", "市政管理处")));
        node.http.post(path(c, "return"), json(Map.of("department", "市政管理处", "reason", "不属本单位")));

        assertThat(DepartmentWork.returnCount(node.get(c.number()))).isEqualTo(2);
        assertThat(node.get(c.number()).log()).filteredOn(e -> e.to() == CaseState.RETURNED)
                .extracting(CaseEvent::reason).containsExactly("该路段路灯归属市政管理处", "不属本单位");
        JsonNode report = node.http.get("/api/reports?period=week&date=2026-11-20&by=department").json();
        assertThat(row(report, "市政管理处").path("returned").asInt()).isEqualTo(1);
    }

    @Test
    void aDepartmentSeesItsCasesAndNotOthersAndCannotTouchOthers() throws Exception {
        Case mine = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        Case theirs = node.create("0101", "13800138001", "路面坑洼");
        dispatch(mine.number());
        dispatch(theirs.number());

        JsonNode desk = node.http.get("/api/departments/城管局/cases").json();

        assertThat(desk).extracting(n -> n.path("number").asText()).containsExactly(mine.number());
        assertThat(node.http.post(path(theirs, "accept"), json(Map.of("department", "城管局"))).status())
                .isEqualTo(403);
        assertThat(node.http.get("/api/departments/不存在/cases").status()).isEqualTo(404);
    }

    @Test
    void aSignedInDepartmentUserActsAsTheirOwnDepartmentWhateverTheBodySays() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        dispatch(c.number());
        String parks = URLEncoder.encode("园林局", StandardCharsets.UTF_8);

        Http.Answer impostor = node.http.post(path(c, "accept"), json(Map.of("department", "城管局")),
                CasesNode.SIGNED_IN_DEPARTMENT, parks);

        assertThat(impostor.status()).isEqualTo(403);
        assertThat(impostor.body()).contains("not to 园林局");
        assertThat(node.get(c.number()).state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(node.http.get("/api/departments/城管局/cases", CasesNode.SIGNED_IN_DEPARTMENT, parks).status())
                .isEqualTo(403);
    }

    // ---- verification, closing, follow-up

    @Test
    void anUnsatisfiedSurveyReopensTheCaseWithTheCommentAgainstTheDepartment() throws Exception {
        Case c = node.create(new CreateCaseRequest("agent-7", Channel.APP, STREET_LAMPS, null, null, "13900139000",
                null, null, "路灯不亮", "文三路", null, null, null));
        handleToClosed(c);

        clock.advance(Duration.ofMinutes(29));
        node.runDueTimers();
        assertThat(node.notices).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        node.runDueTimers();

        SendNotice link = node.notices.poll();
        assertThat(link.channel()).isEqualTo(Channel.SMS);
        assertThat(link.to()).isEqualTo("13900139000");
        String token = token(link.text());
        assertThat(tagged(c.number(), LogTag.FOLLOW_UP_SENT)).hasSize(1);
        Http.Answer page = node.http.get("/s/" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("回访评价").contains(c.number()).doesNotContain("13900139000");

        Http.Answer thanks = node.http.postForm("/s/" + token,
                "solved=no&satisfaction=2&comment=" + URLEncoder.encode("路灯还是不亮", StandardCharsets.UTF_8));

        assertThat(thanks.status()).isEqualTo(200);
        Case reopened = node.get(c.number());
        assertThat(reopened.state()).isEqualTo(CaseState.REOPENED);
        assertThat(reopened.lastEvent().reason()).contains("路灯还是不亮");
        assertThat(reopened.assignee()).isEqualTo("城管局");
        assertThat(reopened.deadline()).isNotNull();
        assertThat(node.http.postForm("/s/" + token, "solved=yes&satisfaction=5").status()).isEqualTo(404);
        JsonNode report = node.http.get("/api/reports?period=day&date=2026-11-20&by=department").json();
        assertThat(row(report, "城管局").path("reopened").asInt()).isEqualTo(1);
        assertThat(row(report, "城管局").path("satisfactionRate").asDouble()).isEqualTo(0.0);
        assertThat(row(report, "城管局").path("followUpReachRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aSatisfiedSurveyFinishesTheFollowUpAndAStrangeTokenFindsNothing() throws Exception {
        Case c = node.create(new CreateCaseRequest("agent-7", Channel.APP, STREET_LAMPS, null, null, "13900139000",
                null, null, "路灯不亮", "文三路", null, null, null));
        handleToClosed(c);
        clock.advance(Duration.ofHours(1));
        node.runDueTimers();
        String token = token(node.notices.poll().text());

        assertThat(node.http.postForm("/s/" + token, "solved=yes").status()).isEqualTo(400);
        assertThat(node.http.postForm("/s/" + token, "solved=yes&satisfaction=5").status()).isEqualTo(200);

        assertThat(node.get(c.number()).state()).isEqualTo(CaseState.FOLLOWED_UP);
        assertThat(node.http.get("/s/" + "A".repeat(32)).status()).isEqualTo(404);
        assertThat(node.http.get("/s/%3Cscript%3E").body()).doesNotContain("<script>");
    }

    @Test
    void aVoiceCaseIsFollowedUpByACallbackTaskAndTheAgentRecordsTheOutcome() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        handleToClosed(c);
        clock.advance(Duration.ofHours(1));
        node.runDueTimers();

        CallbackRequest task = node.callbacks.poll();
        assertThat(task.phone()).isEqualTo("13800138000");
        assertThat(task.contactId()).isEqualTo("followup-" + c.number());
        node.http.post(path(c, "follow-up/result"), json(Map.of("agent", "agent-3", "reached", false,
                "outcome", "NO_ANSWER")));
        JsonNode done = node.http.post(path(c, "follow-up/result"), json(Map.of("agent", "agent-3", "reached", true,
                "solved", true, "satisfaction", 4))).json();

        assertThat(done.path("state").asText()).isEqualTo("FOLLOWED_UP");
        assertThat(tagged(c.number(), LogTag.FOLLOW_UP_ATTEMPT)).hasSize(1);
    }

    @Test
    void residentsWhoOptedOutOrWithheldTheirNumberAreNotFollowedUp() throws Exception {
        Case optedOut = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        node.http.post(path(optedOut, "follow-up/opt-out"), json(Map.of("actor", "agent-7")));
        Case anonymous = node.create(STREET_LAMPS, null, "路灯不亮，不留电话");
        handleToClosed(optedOut);
        handleToClosed(anonymous);

        clock.advance(Duration.ofHours(1));
        node.runDueTimers();

        assertThat(node.notices).isEmpty();
        assertThat(node.callbacks).isEmpty();
        assertThat(tagged(optedOut.number(), LogTag.FOLLOW_UP_SKIPPED)).extracting(CaseEvent::note)
                .containsExactly("市民要求不回访");
        assertThat(tagged(anonymous.number(), LogTag.FOLLOW_UP_SKIPPED)).hasSize(1);
    }

    @Test
    void aFailedVerificationSendsTheCaseBackToTheSameHandler() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        dispatch(c.number());
        node.http.post(path(c, "accept"), json(Map.of("department", "城管局")));
        node.http.post(path(c, "feedback"), json(Map.of("department", "城管局", "text", "已更换灯泡")));

        Http.Answer noPhoto = node.http.post(path(c, "verification"), json(Map.of("actor", "grid-9",
                "method", "GRID_PHOTO", "passed", false)));
        assertThat(noPhoto.json().path("problems").get(0).path("field").asText()).isEqualTo("photo");
        JsonNode failed = node.http.post(path(c, "verification"), json(Map.of("actor", "grid-9",
                "method", "GRID_PHOTO", "passed", false, "note", "现场仍不亮",
                "photo", Map.of("kind", "photo", "reference", "uploads/p1.jpg",
                "contentType", "image/jpeg", "sizeBytes", 48_000)))).json();

        assertThat(failed.path("state").asText()).isEqualTo("REOPENED");
        assertThat(failed.path("assignee").asText()).isEqualTo("城管局");
        assertThat(node.http.post(path(c, "accept"), json(Map.of("department", "城管局"))).json()
                .path("state").asText()).isEqualTo("IN_PROGRESS");
    }

    // ---- duplicates and merging

    @Test
    void aNearbyCaseOfTheSameCategoryIsSuggestedAndMergedResidentsHearWhenTheMainCaseCloses() throws Exception {
        GeoPoint lamp = new GeoPoint(120.1551, 30.2741);
        Case main = node.create(located("13800138000", lamp));
        Case duplicate = node.create(located("13700137000", new GeoPoint(120.1560, 30.2745)));
        Case far = node.create(located("13600136000", new GeoPoint(120.2551, 30.2741)));

        JsonNode similar = node.http.get(path(duplicate, "similar")).json();
        assertThat(similar).extracting(n -> n.path("number").asText()).containsExactly(main.number());
        assertThat(similar.toString()).doesNotContain("13800138000");

        JsonNode merged = node.http.post(path(duplicate, "merge"), json(Map.of("into", main.number(),
                "actor", "agent-7", "reason", "同一路灯"))).json();
        assertThat(merged.path("state").asText()).isEqualTo("MERGED");
        assertThat(node.http.post(path(far, "merge"), json(Map.of("into", far.number(), "actor", "agent-7",
                "reason", "x"))).status()).isEqualTo(400);

        handleToClosed(main);

        assertThat(node.notices).extracting(SendNotice::to).contains("13700137000");
        assertThat(tagged(duplicate.number(), LogTag.RESIDENT_NOTIFIED)).hasSize(1);
        JsonNode progress = node.http.post("/progress", json(Map.of("number", duplicate.number(),
                "phone", "137-0013-7000"))).json();
        assertThat(progress.path("mergedInto").asText()).isEqualTo(main.number());
        assertThat(progress.path("finished").asBoolean()).isTrue();
    }

    @Test
    void residentsOfACaseMergedLongAgoHearWhenTheMainCaseCloses() throws Exception {
        node.close();
        node = new CasesNode(v -> MemoryStores.create(), clock, reference,
                tree -> ((ObjectNode) tree.get("cases")).put("scanLimit", 3));
        GeoPoint lamp = new GeoPoint(120.1551, 30.2741);
        Case main = node.create(located("13800138000", lamp));
        Case duplicate = node.create(located("13700137000", new GeoPoint(120.1560, 30.2745)));
        node.http.post(path(duplicate, "merge"), json(Map.of("into", main.number(), "actor", "agent-7",
                "reason", "同一路灯")));
        assertThat(tagged(main.number(), LogTag.MERGED_IN)).extracting(CaseEvent::note)
                .containsExactly(duplicate.number());
        for (int i = 0; i < 5; i++) {
            node.create(STREET_LAMPS, "1380013802" + i, "之后的工单 " + i);
        }

        handleToClosed(main);

        assertThat(node.notices).extracting(SendNotice::to).contains("13700137000");
        assertThat(tagged(duplicate.number(), LogTag.RESIDENT_NOTIFIED)).hasSize(1);
    }

    // ---- resolved on contact and the knowledge base

    @Test
    void anAgentFindsAnAnswerWithoutWordSpacesAndResolvesTheCaseOnContact() throws Exception {
        JsonNode article = node.http.post("/api/knowledge", json(Map.of("title", "井盖缺失由谁负责",
                "body", "道路上的井盖缺失或破损，由城管局在24小时内处置；小区内的井盖由物业负责。",
                "categoryCode", "0103", "keywords", List.of("井盖", "窨井"), "actor", "kb-editor"))).json();
        JsonNode withdrawn = node.http.post("/api/knowledge", json(Map.of("title", "路灯报修",
                "body", "路灯不亮请提供路段和灯杆编号。", "actor", "kb-editor", "validTo", "2026-01-31"))).json();

        // The node also holds the answers of config/reference/knowledge.yaml; this one is among the hits.
        JsonNode found = node.http.get("/api/knowledge?q=" + URLEncoder.encode("小区井盖丢了归谁管",
                StandardCharsets.UTF_8)).json();
        assertThat(found.path("results")).extracting(r -> r.path("article").path("id").asText())
                .contains(article.path("id").asText());
        assertThat(node.http.get("/api/knowledge?q=" + URLEncoder.encode("路灯不亮",
                StandardCharsets.UTF_8)).json().path("results")).extracting(r -> r.path("article").path("id").asText())
                .doesNotContain(withdrawn.path("id").asText());

        Case c = node.create("0103", "13800138000", "小区井盖丢了找谁");
        JsonNode resolved = node.http.post(path(c, "resolve-on-contact"), json(Map.of("actor", "agent-7",
                "articleId", article.path("id").asText()))).json();

        assertThat(resolved.path("state").asText()).isEqualTo("RESOLVED_ON_CONTACT");
        assertThat(resolved.path("log").get(1).path("note").asText()).contains("井盖缺失由谁负责");
        JsonNode report = node.http.get("/api/reports?period=month&date=2026-11-01&by=category").json();
        assertThat(row(report, "0103").path("firstContactRate").asDouble()).isEqualTo(1.0);
        assertThat(node.http.post("/api/knowledge", json(Map.of("body", "x", "actor", "a"))).json()
                .path("problems").get(0).path("field").asText()).isEqualTo("title");
    }

    // ---- progress for residents

    @Test
    void aResidentSeesProgressWithTheirPhoneAndNothingPrivate() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "我家楼下路灯不亮，我叫王芳");
        dispatch(c.number());
        node.http.post(path(c, "accept"), json(Map.of("department", "城管局")));
        node.http.post(path(c, "feedback"), json(Map.of("department", "城管局", "text", "内部：联系了王芳本人",
                "publicReply", "路灯已修复", "attachments", List.of(Map.of("kind", "photo",
                        "reference", "uploads/fixed.jpg", "contentType", "image/jpeg", "sizeBytes", 52_000)))));

        Http.Answer wrongPhone = node.http.post("/progress", json(Map.of("number", c.number(),
                "phone", "13900000000")));
        Http.Answer unknown = node.http.post("/progress", json(Map.of("number", "20261120-9999",
                "phone", "13800138000")));
        Http.Answer mine = node.http.post("/progress", json(Map.of("number", c.number(), "phone", "+86 13800138000")));

        assertThat(wrongPhone.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongPhone.body()).isEqualTo(unknown.body().replace("20261120-9999", c.number()));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("status").asText()).isEqualTo("反馈");
        assertThat(mine.json().path("lastNote").asText()).contains("路灯已修复");
        assertThat(mine.body()).doesNotContain("王芳").doesNotContain("内部").doesNotContain("文三路")
                .doesNotContain("13800138000").doesNotContain("城管局");
        assertThat(node.http.post("/progress", json(Map.of("number", "abc", "phone", "1"))).json()
                .path("problems").get(0).path("field").asText()).isEqualTo("number");
    }

    @Test
    void guessingPhonesForACaseNumberIsCutOffButRightAnswersDoNotCount() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        String mine = json(Map.of("number", c.number(), "phone", "13800138000"));
        for (int i = 0; i < 9; i++) {
            assertThat(node.http.post("/progress", json(Map.of("number", c.number(), "phone", "1390000000" + i)))
                    .status()).as("wrong phone %d", i).isEqualTo(404);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(node.http.post("/progress", mine).status()).as("the resident's own question").isEqualTo(200);
        }
        assertThat(node.http.post("/progress", json(Map.of("number", c.number(), "phone", "13911111111")))
                .status()).as("tenth miss").isEqualTo(404);

        Http.Answer cutOff = node.http.post("/progress", mine);
        assertThat(cutOff.status()).isEqualTo(429);
        assertThat(cutOff.raw().headers().firstValue("Retry-After")).contains("3600");
        assertThat(cutOff.json().path("error").asText()).contains("一小时后再试");
        assertThat(node.http.post("/progress", json(Map.of("number", "20261120-9999", "phone", "13800138000")))
                .status()).as("another number is still answered").isEqualTo(404);

        node.clock.advance(Duration.ofHours(1));
        assertThat(node.http.post("/progress", mine).status()).isEqualTo(200);
    }

    @Test
    void oneAddressAsksAtMostTwentyProgressQuestionsAMinute() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        String mine = json(Map.of("number", c.number(), "phone", "13800138000"));
        for (int i = 0; i < 20; i++) {
            assertThat(node.http.post("/progress", mine).status()).as("question %d", i).isEqualTo(200);
        }
        Http.Answer refused = node.http.post("/progress", mine);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().headers().firstValue("Retry-After")).contains("60");
        assertThat(refused.json().path("error").asText()).contains("一分钟后再试");

        node.clock.advance(Duration.ofMinutes(1));
        assertThat(node.http.post("/progress", mine).status()).isEqualTo(200);
    }

    @Test
    void channelsAskForProgressOnTheBusAndGetTheSameResidentView() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        dispatch(c.number());

        ProgressView view = CasesNode.await(node.vertx.eventBus()
                .<ProgressView>request(Addresses.CASE_PROGRESS,
                        new ProgressRequest(c.number(), "13800138000"))).body();
        Throwable wrong = CasesNode.await(node.vertx.eventBus().request(Addresses.CASE_PROGRESS,
                new ProgressRequest(c.number(), "13900000000")).transform(
                        r -> Future.succeededFuture(r.cause())));

        assertThat(view.status()).isEqualTo("派遣");
        assertThat(view.lastNote()).isEqualTo("已转交承办单位办理");
        assertThat(view.expectedBy()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(((ReplyException) wrong).failureCode()).isEqualTo(404);
    }

    // ---- reports

    @Test
    void theCsvReportOpensInExcelWithChineseHeadersAndNoFormulas() throws Exception {
        Case c = node.create(STREET_LAMPS, "13800138000", "路灯不亮");
        dispatch(c.number());

        Http.Answer csv = node.http.get("/api/reports?period=day&date=2026-11-20&by=department&format=csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
        assertThat(csv.raw().body()).startsWith(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThat(csv.body().lines().toList().get(0)).contains("按时办结率").contains("一次办结率");
        assertThat(csv.body()).contains("\"城管局\",\"城管局\",1,0,0,0,,0,0,0,0,0.0%,0,,,0,0,");
        assertThat(node.http.get("/api/reports?period=year").json().path("problems").get(0).path("field").asText())
                .isEqualTo("period");
    }

    // ---- helpers

    private Http.Answer dispatch(String number) {
        Http.Answer answer = node.http.post("/api/cases/" + number + "/dispatch", json(Map.of("actor", "agent-7")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    /** Dispatch, accept, feedback, verified by a hotline call: closed. */
    private void handleToClosed(Case c) throws Exception {
        dispatch(c.number());
        assertThat(node.http.post(path(c, "accept"), json(Map.of("department", "城管局"))).status()).isEqualTo(200);
        assertThat(node.http.post(path(c, "feedback"), json(Map.of("department", "城管局", "text", "已修复")))
                .status()).isEqualTo(200);
        JsonNode closed = node.http.post(path(c, "verification"), json(Map.of("actor", "agent-7",
                "method", "HOTLINE_CALL", "passed", true))).json();
        assertThat(closed.path("state").asText()).isEqualTo("CLOSED");
    }

    private CreateCaseRequest located(String phone, GeoPoint where) {
        return new CreateCaseRequest("agent-7", Channel.HOTLINE_12345, STREET_LAMPS, null, null, phone, null, null,
                "路灯不亮", "文三路", where, null, null);
    }

    private List<CaseEvent> tagged(String number, LogTag tag) throws Exception {
        return node.get(number).log().stream().filter(tag::marks).toList();
    }

    private static String token(String text) {
        Matcher m = Pattern.compile("/s/([A-Za-z0-9_-]{32})").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        assertThat(text).contains("https://12345.example.gov.cn/s/");
        return m.group(1);
    }

    private static JsonNode row(JsonNode report, String group) {
        for (JsonNode row : report.path("rows")) {
            if (row.path("group").asText().equals(group)) {
                return row;
            }
        }
        throw new AssertionError("no row " + group + " in " + report);
    }

    private static String path(Case c, String step) {
        return "/api/cases/" + c.number() + "/" + step;
    }

    private static String json(Object body) {
        return Jsons.write(body);
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }
}
