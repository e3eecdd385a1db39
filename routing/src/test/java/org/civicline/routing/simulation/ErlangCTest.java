package org.civicline.routing.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

    /** The vector: 100 calls per 30 minutes, 180 s handle time, 14 agents, 20 s target. */
    private final ErlangC hotline = new ErlangC(100, 1800, 180, 14);

    @Test
    void hundredCallsPerHalfHourOfThreeMinutesAreTenErlang() {
        assertThat(hotline.load()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void withFourteenAgentsOneCallInSixWaits() {
        assertThat(hotline.probabilityOfWaiting()).isCloseTo(0.1741, within(0.00005));
    }

    @Test
    void eightyNinePercentAreAnsweredWithinTwentySeconds() {
        assertThat(hotline.serviceLevel(20)).isCloseTo(0.888, within(0.0005));
    }

    @Test
    void theAverageSpeedOfAnswerIsUnderEightSeconds() {
        assertThat(hotline.asaSeconds()).isCloseTo(7.84, within(0.005));
    }

    @Test
    void agentsAreBusySeventyOnePercentOfTheTime() {
        assertThat(hotline.occupancy()).isCloseTo(0.714, within(0.0005));
    }

    @Test
    void oneAgentAloneIsTheMM1Queue() {
        // M/M/1: P(wait) = ρ, ASA = ρ·h / (1 − ρ).
        ErlangC single = new ErlangC(1, 120, 60, 1);
        assertThat(single.probabilityOfWaiting()).isCloseTo(0.5, within(1e-12));
        assertThat(single.asaSeconds()).isCloseTo(60, within(1e-9));
    }

    @Test
    void aLoadAtOrAboveTheAgentsHasNoSteadyState() {
        assertThatThrownBy(() -> new ErlangC(140, 1800, 180, 14))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("14.0 Erlang");
    }

    @Test
    void largeFloorsDoNotOverflow() {
        ErlangC big = new ErlangC(5000, 1800, 300, 900);
        assertThat(big.probabilityOfWaiting()).isBetween(0.0, 1.0);
        assertThat(big.serviceLevel(20)).isBetween(0.0, 1.0);
    }
}
