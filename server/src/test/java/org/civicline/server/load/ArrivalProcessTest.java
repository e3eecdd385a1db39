package org.civicline.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ArrivalProcessTest {

    @Test
    void poissonArrivalsCountPerSecondHaveTheRateAsMeanAndAsVariance() {
        double rate = 100;
        int seconds = 2000;
        PoissonArrivals arrivals = new PoissonArrivals(rate, new Random(20261123));
        long[] perSecond = new long[seconds];
        long previous = 0;
        double sumGaps = 0;
        double sumSquaredGaps = 0;
        long n = 0;
        for (long at = arrivals.nextArrivalNanos(); at < seconds * 1_000_000_000L; at = arrivals.nextArrivalNanos()) {
            assertThat(at).isGreaterThanOrEqualTo(previous);
            perSecond[(int) (at / 1_000_000_000L)]++;
            double gap = (at - previous) / 1e9;
            sumGaps += gap;
            sumSquaredGaps += gap * gap;
            previous = at;
            n++;
        }
        double mean = 0;
        for (long c : perSecond) {
            mean += c;
        }
        mean /= seconds;
        double variance = 0;
        for (long c : perSecond) {
            variance += (c - mean) * (c - mean);
        }
        variance /= seconds - 1;
        // 200,000 arrivals: the mean's standard error is 0.22 %; the variance estimate's about 3.2 % (Poisson: Var = mean).
        assertThat(mean).isCloseTo(rate, within(rate * 0.01));
        assertThat(variance / mean).isCloseTo(1.0, within(0.12));
        // Exponential gaps: mean 1/rate, coefficient of variation 1.
        double gapMean = sumGaps / n;
        double gapSd = Math.sqrt(sumSquaredGaps / n - gapMean * gapMean);
        assertThat(gapMean).isCloseTo(1 / rate, within(0.01 / rate));
        assertThat(gapSd / gapMean).isCloseTo(1.0, within(0.02));
    }

    @Test
    void theSameSeedGivesTheSameArrivals() {
        PoissonArrivals a = new PoissonArrivals(1000, new Random(7));
        PoissonArrivals b = new PoissonArrivals(1000, new Random(7));
        for (int i = 0; i < 1000; i++) {
            assertThat(a.nextArrivalNanos()).isEqualTo(b.nextArrivalNanos());
        }
    }

    @Test
    void burstsBringRateTimesPeriodContactsAtTheSameInstantOncePerPeriod() {
        BurstArrivals arrivals = new BurstArrivals(500, 2);
        assertThat(arrivals.perBurst()).isEqualTo(1000);
        for (int burst = 0; burst < 3; burst++) {
            for (int i = 0; i < 1000; i++) {
                assertThat(arrivals.nextArrivalNanos()).as("arrival %d of burst %d", i, burst)
                        .isEqualTo(burst * 2_000_000_000L);
            }
        }
        assertThat(arrivals.nextArrivalNanos()).isEqualTo(6_000_000_000L);
    }

    @Test
    void aRateBelowOneBurstPerPeriodStillSendsOneContactPerBurst() {
        BurstArrivals arrivals = new BurstArrivals(0.1, 1);
        assertThat(arrivals.nextArrivalNanos()).isZero();
        assertThat(arrivals.nextArrivalNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void theMixSplitsArrivalsByWeight() {
        ChannelMix mix = ChannelMix.parse("app=3,wechat=1");
        Random random = new Random(1);
        int app = 0;
        int total = 100_000;
        for (int i = 0; i < total; i++) {
            LoadChannel c = mix.pick(random);
            assertThat(c).isIn(LoadChannel.APP, LoadChannel.WECHAT);
            app += c == LoadChannel.APP ? 1 : 0;
        }
        // Binomial(100000, 0.75): standard deviation 137.
        assertThat(app).isBetween(74_400, 75_600);
        assertThat(mix.uses(LoadChannel.CALL)).isFalse();
    }
}
