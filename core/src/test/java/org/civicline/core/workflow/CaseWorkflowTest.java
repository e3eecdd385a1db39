package org.civicline.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CaseWorkflowTest {
    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    private static final CaseDetails DETAILS = new CaseDetails("20261123-0001", "0101", Channel.HOTLINE_12345,
            Priority.NORMAL, "p1", "c1", "路灯不亮", "幸福路 12 号", null, null, List.of(), T0);

    /** The allowed moves, written out independently of CaseState so that a change to either is caught. */
    private static final List<String> ALLOWED = List.of(
            "RECEIVED>REGISTERED", "RECEIVED>RESOLVED_ON_CONTACT", "RECEIVED>MERGED", "RECEIVED>CANCELLED",
            "REGISTERED>DISPATCHED", "REGISTERED>RESOLVED_ON_CONTACT", "REGISTERED>MERGED", "REGISTERED>CANCELLED",
            "DISPATCHED>DISPATCHED", "DISPATCHED>IN_PROGRESS", "DISPATCHED>RETURNED", "DISPATCHED>MERGED",
            "DISPATCHED>CANCELLED",
            "IN_PROGRESS>FEEDBACK", "IN_PROGRESS>RETURNED",
            "FEEDBACK>VERIFIED", "FEEDBACK>REOPENED",
            "VERIFIED>CLOSED", "VERIFIED>REOPENED",
            "CLOSED>EVALUATED", "CLOSED>FOLLOWED_UP", "CLOSED>REOPENED",
            "EVALUATED>FOLLOWED_UP", "EVALUATED>REOPENED",
            "FOLLOWED_UP>REOPENED",
            "RESOLVED_ON_CONTACT>EVALUATED", "RESOLVED_ON_CONTACT>FOLLOWED_UP", "RESOLVED_ON_CONTACT>REOPENED",
            "RETURNED>DISPATCHED", "RETURNED>RESOLVED_ON_CONTACT", "RETURNED>MERGED", "RETURNED>CANCELLED",
            "REOPENED>DISPATCHED", "REOPENED>IN_PROGRESS", "REOPENED>MERGED");

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (CaseState from : CaseState.values()) {
            for (CaseState to : CaseState.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("everyPair")
    void everyTransitionIsAllowedExactlyWhenTheWorkflowSaysSo(CaseState from, CaseState to) {
        Case current = caseIn(from);
        CaseTransition step = complete(CaseTransition.to(to, "agent-7"));
        boolean allowed = ALLOWED.contains(from + ">" + to);

        if (allowed) {
            CaseEvent event = CaseWorkflow.next(current, step, T0.plusSeconds(60), null);
            assertThat(event.from()).isEqualTo(from);
            assertThat(event.to()).isEqualTo(to);
            assertThat(event.sequence()).isEqualTo(current.version() + 1);
            List<CaseEvent> log = new ArrayList<>(current.log());
            log.add(event);
            assertThat(Case.of(DETAILS, log).state()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> CaseWorkflow.next(current, step, T0.plusSeconds(60), null))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining(from.name())
                    .hasMessageContaining(from.chinese())
                    .hasMessageContaining(to.name())
                    .hasMessageContaining(to.chinese());
        }
    }

    @Test
    void theAllowedTableAndTheStatesAgree() {
        long declared = Stream.of(CaseState.values()).mapToLong(s -> s.next().size()).sum();
        assertThat(declared).isEqualTo(ALLOWED.size());
    }

    @Test
    void mergedAndCancelledAreFinalAndEveryOtherStateHasAWayOn() {
        for (CaseState state : CaseState.values()) {
            assertThat(state.isFinal()).as(state.name())
                    .isEqualTo(state == CaseState.MERGED || state == CaseState.CANCELLED);
        }
    }

    @Test
    void theMainPathRunsFromReceivedToFollowedUpAndTheStateIsDerivedFromTheLog() {
        Case c = Case.of(DETAILS, List.of(CaseWorkflow.received(T0, "agent-7", null, null)));
        Instant deadline = T0.plusSeconds(86400);
        c = apply(c, CaseTransition.to(CaseState.REGISTERED, "agent-7"), null);
        c = apply(c, CaseTransition.to(CaseState.DISPATCHED, "agent-7").assignedTo("城管局"), deadline);
        assertThat(c.assignee()).isEqualTo("城管局");
        assertThat(c.deadline()).isEqualTo(deadline);
        for (CaseState next : List.of(CaseState.IN_PROGRESS, CaseState.FEEDBACK, CaseState.VERIFIED,
                CaseState.CLOSED, CaseState.EVALUATED, CaseState.FOLLOWED_UP)) {
            c = apply(c, CaseTransition.to(next, "someone"), null);
        }
        assertThat(c.state()).isEqualTo(CaseState.FOLLOWED_UP);
        assertThat(c.version()).isEqualTo(9);
        assertThat(c.log()).extracting(CaseEvent::to).containsExactly(CaseState.RECEIVED, CaseState.REGISTERED,
                CaseState.DISPATCHED, CaseState.IN_PROGRESS, CaseState.FEEDBACK, CaseState.VERIFIED,
                CaseState.CLOSED, CaseState.EVALUATED, CaseState.FOLLOWED_UP);
        assertThat(c.deadline()).as("a case that is no longer open has no running time limit").isNull();
    }

    @Test
    void returningReopeningMergingAndCancellingNeedAReason() {
        for (CaseState target : EnumSet.of(CaseState.RETURNED, CaseState.MERGED, CaseState.CANCELLED)) {
            Case dispatched = caseIn(CaseState.DISPATCHED);
            assertThatThrownBy(() -> CaseWorkflow.next(dispatched, CaseTransition.to(target, "dept"), T0, null))
                    .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("reason");
        }
        Case feedback = caseIn(CaseState.FEEDBACK);
        assertThatThrownBy(() -> CaseWorkflow.next(feedback, CaseTransition.to(CaseState.REOPENED, "qa"), T0, null))
                .hasMessageContaining("reason");
    }

    @Test
    void dispatchNeedsAnAssigneeAndEveryStepNeedsAnActor() {
        Case registered = caseIn(CaseState.REGISTERED);
        assertThatThrownBy(() -> CaseWorkflow.next(registered, CaseTransition.to(CaseState.DISPATCHED, "a"), T0, null))
                .hasMessageContaining("assignee");
        assertThatThrownBy(() -> CaseWorkflow.next(registered,
                CaseTransition.to(CaseState.CANCELLED, " ").because("duplicate call"), T0, null))
                .hasMessageContaining("actor");
    }

    @Test
    void aLogThatDoesNotChainIsRejected() {
        CaseEvent first = CaseWorkflow.received(T0, "a", null, null);
        CaseEvent skipping = new CaseEvent(2, T0, "a", CaseState.REGISTERED, CaseState.DISPATCHED, null, null, "x", null);
        assertThatThrownBy(() -> Case.of(DETAILS, List.of(first, skipping))).isInstanceOf(IllegalStateException.class);
        CaseEvent gap = new CaseEvent(3, T0, "a", CaseState.RECEIVED, CaseState.REGISTERED, null, null, null, null);
        assertThatThrownBy(() -> Case.of(DETAILS, List.of(first, gap))).isInstanceOf(IllegalStateException.class);
    }

    /** Builds a case in {@code target} through a legal path, so every test starts from a real log. */
    static Case caseIn(CaseState target) {
        Case c = Case.of(DETAILS, List.of(CaseWorkflow.received(T0, "agent-7", null, null)));
        for (CaseState step : pathTo(target)) {
            c = apply(c, complete(CaseTransition.to(step, "agent-7")), null);
        }
        assertThat(c.state()).isEqualTo(target);
        return c;
    }

    private static List<CaseState> pathTo(CaseState target) {
        // Breadth-first over the declared transitions: the shortest legal path from RECEIVED.
        record Node(CaseState state, List<CaseState> path) { }
        List<Node> frontier = new ArrayList<>(List.of(new Node(CaseState.RECEIVED, List.of())));
        Set<CaseState> seen = EnumSet.of(CaseState.RECEIVED);
        while (!frontier.isEmpty()) {
            Node node = frontier.remove(0);
            if (node.state() == target) {
                return node.path();
            }
            for (CaseState next : node.state().next()) {
                if (seen.add(next)) {
                    List<CaseState> path = new ArrayList<>(node.path());
                    path.add(next);
                    frontier.add(new Node(next, path));
                }
            }
        }
        throw new AssertionError("no legal path to " + target);
    }

    private static CaseTransition complete(CaseTransition t) {
        return t.because("测试原因").assignedTo("网格员-3");
    }

    private static Case apply(Case c, CaseTransition t, Instant deadline) {
        List<CaseEvent> log = new ArrayList<>(c.log());
        log.add(CaseWorkflow.next(c, t, T0.plusSeconds(log.size()), deadline));
        return Case.of(c.details(), log);
    }
}
