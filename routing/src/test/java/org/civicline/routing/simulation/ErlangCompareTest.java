package org.civicline.routing.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The real router on an M/M/N floor behaves as Erlang C says a single queue must. */
class ErlangCompareTest {

    @Test
    void theSimulatedHotlineMatchesErlangCWithinAFewPercent() {
        ErlangC model = new ErlangC(100, 1800, 180, 14);
        ErlangCompare.Comparison comparison = ErlangCompare.compare(model, 20, 1_000_000, 20261123L);
        SimulationReport sim = comparison.simulated();
        System.out.print(comparison.format());

        assertThat(sim.tracks()).hasSize(1_000_000);
        assertThat(sim.states().get(ContactTrack.State.FINISHED)).isEqualTo(1_000_000);
        assertThat(sim.probabilityOfWaiting()).isCloseTo(model.probabilityOfWaiting(),
                within(0.03 * model.probabilityOfWaiting()));
        assertThat(sim.serviceLevel(20)).isCloseTo(model.serviceLevel(20), within(0.01 * model.serviceLevel(20)));
        assertThat(sim.asaSeconds()).isCloseTo(model.asaSeconds(), within(0.05 * model.asaSeconds()));
        assertThat(sim.occupancy()).isCloseTo(model.occupancy(), within(0.01 * model.occupancy()));
    }

    @Test
    void theCommandLineTakesEveryParameter() {
        assertThat(ErlangCompare.parse(new String[] {"--calls-per-interval", "80", "--interval-seconds=900",
                "--agents", "9", "--seed", "7"}))
                .containsEntry("--calls-per-interval", "80").containsEntry("--interval-seconds", "900")
                .containsEntry("--agents", "9").containsEntry("--seed", "7");
        assertThatThrownBy(() -> ErlangCompare.parse(new String[] {"--agent", "9"}))
                .hasMessageContaining("unknown option --agent");
    }
}
