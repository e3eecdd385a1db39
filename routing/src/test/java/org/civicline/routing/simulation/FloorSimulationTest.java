package org.civicline.routing.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.civicline.core.model.Agent;
import org.civicline.core.model.Channel;
import org.civicline.core.routing.RoutingNeeds;
import org.civicline.routing.config.RoutingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A working day on the hotline floor, 10,000 contacts on seven channels, driven through the real router with the
 * issue's invariants checked after every single step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FloorSimulationTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Monday 08:00 in Shanghai: the day runs into the evening, so late callbacks meet the quiet hours. */
    static final Instant MONDAY_8AM = Instant.parse("2026-11-23T00:00:00Z");
    static final int CONTACTS = 10_000;

    private final FloorInvariants invariants = new FloorInvariants();
    private Simulation simulation;
    private SimulationReport report;

    @BeforeAll
    void runTheDay() {
        simulation = new Simulation(day(20261123L));
        report = simulation.run(invariants);
        System.out.print(report.format());
    }

    static Scenario day(long seed) {
        RoutingNeeds cantonese = RoutingNeeds.of(List.of("lang:yue"), List.of());
        RoutingNeeds elderlyLine = RoutingNeeds.of(List.of("elderly-line"), List.of());
        Delay patience = Delay.exponential(90);
        List<ChannelLoad> channels = List.of(
                ChannelLoad.of(Channel.HOTLINE_12345, new PoissonArrivals(420), Delay.exponential(180))
                        .withPatience(patience, 0.05).withNeeds(9, RoutingNeeds.anyAgent()).withNeeds(1, cantonese),
                // A burst on 8890 two hours in: eight times the calls for twenty minutes.
                ChannelLoad.of(Channel.HOTLINE_8890, new BurstArrivals(60, 8, 2 * 3600, 1200), Delay.exponential(150))
                        .withPatience(patience, 0.05),
                ChannelLoad.of(Channel.ELDER_12349, new PoissonArrivals(60), Delay.exponential(240))
                        .withPatience(Delay.exponential(120), 0.02).withNeeds(1, elderlyLine),
                ChannelLoad.of(Channel.ONE_TOUCH, new PoissonArrivals(6), Delay.exponential(120))
                        .withNeeds(1, elderlyLine),
                ChannelLoad.of(Channel.WECHAT, new PoissonArrivals(240), Delay.exponential(300)),
                ChannelLoad.of(Channel.SMS, new PoissonArrivals(90), Delay.exponential(120)),
                ChannelLoad.of(Channel.APP, new PoissonArrivals(60), Delay.exponential(600)));
        List<SimAgent> agents = new ArrayList<>();
        addGroup(agents, "general", 26, Map.of());
        addGroup(agents, "cantonese", 10, Map.of("lang:yue", 8));
        addGroup(agents, "elderly-line", 10, Map.of("elderly-line", 7));
        return new Scenario(RoutingConfig.defaults(), MONDAY_8AM, SHANGHAI, channels, agents, CONTACTS,
                Duration.ofDays(1), seed);
    }

    private static void addGroup(List<SimAgent> agents, String group, int size, Map<String, Integer> skills) {
        for (int i = 1; i <= size; i++) {
            String id = group + "-" + String.format("%02d", i);
            Agent profile = new Agent(id, id, skills, EnumSet.allOf(Channel.class),
                    Map.of(Channel.Medium.VOICE, 1, Channel.Medium.CHAT, 3, Channel.Medium.SMS, 3,
                            Channel.Medium.LETTER, 2), "PJSIP/" + id);
            agents.add(new SimAgent(profile, AgentBehaviour.typical(), group));
        }
    }

    @Test
    void theInvariantsHeldAfterEveryStepOfTheDay() {
        assertThat(simulation.arrivals()).isEqualTo(CONTACTS);
        // Every step of the run was checked (plus the state at the start).
        assertThat(invariants.stepsChecked).isEqualTo(report.steps() + 1).isGreaterThan(5 * CONTACTS);
        // ... on a floor that was under pressure at times (the 8890 burst), not one that was always idle.
        assertThat(invariants.mostWaiting).isGreaterThan(30);
        assertThat(report.anomalies()).isEmpty();
    }

    @Test
    void everyContactIsAccountedForAtTheEnd() {
        FloorInvariants.everyContactAccountedFor(simulation, " at the end");
        assertThat(report.tracks()).hasSize(CONTACTS)
                .allSatisfy(t -> assertThat(t.state()).isNotEqualTo(ContactTrack.State.HELD));
        assertThat(report.tracks().stream().map(ContactTrack::id).distinct()).hasSize(CONTACTS);
        Map<ContactTrack.State, Integer> states = report.states();
        assertThat(states.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CONTACTS);
        assertThat(states.get(ContactTrack.State.QUEUED)).isEqualTo(report.stillWaiting());
        // Callers who hung up without a number are the only abandoned ones left without a callback.
        assertThat(report.tracks()).filteredOn(t -> t.state() == ContactTrack.State.ABANDONED)
                .isNotEmpty()
                .allSatisfy(t -> assertThat(FloorInvariants.isDialable(t.sender())).isFalse());
    }

    @Test
    void everyCallerWhoHungUpWithANumberGotACallbackTask() {
        List<ContactTrack> hungUp = report.tracks().stream().filter(ContactTrack::abandoned).toList();
        assertThat(hungUp).hasSizeGreaterThan(50);
        assertThat(hungUp).filteredOn(t -> FloorInvariants.isDialable(t.sender()))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.callbacksCreated()).isPositive());
    }

    @Test
    void theDayExercisedRejectionsTimeoutsAwayBreaksAndCallbacks() {
        assertThat(report.agents().stream().mapToInt(AgentTally::rejected).sum()).isGreaterThan(100);
        assertThat(report.agents().stream().mapToInt(AgentTally::ignored).sum()).isGreaterThan(50);
        assertThat(report.agents().stream().mapToInt(AgentTally::aways).sum()).isPositive();
        assertThat(report.agents().stream().mapToInt(AgentTally::breaks).sum()).isGreaterThan(200);
        assertThat(report.tracks().stream().mapToInt(ContactTrack::callbacksCreated).sum()).isGreaterThan(50);
        assertThat(report.states().get(ContactTrack.State.GAVE_UP)).isPositive();
    }

    @Test
    void amongAgentsWithEqualSkillsTheWorkSpreadsEvenly() {
        for (SimulationReport.GroupSpread group : report.fairness()) {
            assertThat(group.mean()).as(group.group()).isGreaterThan(100);
            assertThat(group.spread()).as("(max − min) / mean of %s", group).isLessThan(0.35);
            assertThat(group.cv()).as("coefficient of variation of %s", group).isLessThan(0.10);
        }
    }

    @Test
    void sameSeedSameDay() {
        SimulationReport again = new Simulation(day(20261123L)).run();
        assertThat(again.steps()).isEqualTo(report.steps());
        assertThat(again.fairness()).isEqualTo(report.fairness());
        assertThat(again.states()).isEqualTo(report.states());
    }
}
