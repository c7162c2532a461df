package dev.cumulus.aggregate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HedgePolicyTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    static HedgePolicy percentileOnly(int budget) {
        return new HedgePolicy(Optional.empty(), 0.9, 5, Duration.ofMillis(10), budget);
    }

    static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void fewerSamplesThanTheMinimum_noHedge() {
        HedgePolicy p = percentileOnly(10);
        for (int i = 0; i < 4; i++) {
            p.finished(Duration.ofMillis(100));
        }

        assertThat(p.threshold()).isEmpty();
        assertThat(p.shouldHedge(T0, at(60_000))).isFalse();
    }

    @Test
    void enoughSamples_hedgedPastTheNinetiethPercentile() {
        // given: 10, 20, ..., 100 ms; the 90th percentile by nearest rank is the 9th of the 10
        HedgePolicy p = percentileOnly(10);
        for (int ms = 1; ms <= 10; ms++) {
            p.finished(Duration.ofMillis(ms * 10));
        }

        // then: 90 ms is the threshold; a chunk must run longer than it
        assertThat(p.threshold()).contains(Duration.ofMillis(90));
        assertThat(p.shouldHedge(T0, at(90))).isFalse();
        assertThat(p.shouldHedge(T0, at(91))).isTrue();
    }

    @Test
    void fastChunks_thresholdNeverBelowTheMinimumDelay() {
        HedgePolicy p = percentileOnly(10);
        for (int i = 0; i < 10; i++) {
            p.finished(Duration.ofMillis(1));
        }

        assertThat(p.threshold()).contains(Duration.ofMillis(10));
        assertThat(p.shouldHedge(T0, at(5))).isFalse();
    }

    @Test
    void fixedDelay_usedBeforeEnoughSamples_andWhenShorterThanThePercentile() {
        HedgePolicy p = new HedgePolicy(Optional.of(Duration.ofMillis(200)), 0.9, 5, Duration.ofMillis(10), 10);

        assertThat(p.threshold()).contains(Duration.ofMillis(200));
        for (int i = 0; i < 5; i++) {
            p.finished(Duration.ofMillis(500));
        }
        assertThat(p.threshold()).contains(Duration.ofMillis(200));
        for (int i = 0; i < 50; i++) {
            p.finished(Duration.ofMillis(20));
        }
        // 50 of 55 samples are 20 ms, so the percentile is 20 ms, shorter than the fixed delay
        assertThat(p.threshold()).contains(Duration.ofMillis(20));
    }

    @Test
    void budgetSpent_noMoreHedges() {
        HedgePolicy p = new HedgePolicy(Optional.of(Duration.ofMillis(50)), 0.9, 5, Duration.ofMillis(10), 2);

        p.hedged();
        p.hedged();

        assertThat(p.budgetLeft()).isZero();
        assertThat(p.shouldHedge(T0, at(10_000))).isFalse();
        assertThatThrownBy(p::hedged).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void budget_fivePercentOfTheChunksAtLeastOne() {
        assertThat(HedgePolicy.budgetFor(1000, 0.05)).isEqualTo(50);
        assertThat(HedgePolicy.budgetFor(10, 0.05)).isEqualTo(1);
        assertThat(HedgePolicy.budgetFor(0, 0.05)).isZero();
        assertThat(HedgePolicy.budgetFor(1000, 0)).isZero();
    }

    @Test
    void manySamples_percentileOfTheMostRecentWindow() {
        HedgePolicy p = percentileOnly(10);
        for (int i = 0; i < HedgePolicy.WINDOW; i++) {
            p.finished(Duration.ofSeconds(5));
        }
        for (int i = 0; i < HedgePolicy.WINDOW; i++) {
            p.finished(Duration.ofMillis(100));
        }

        // the slow start has left the window
        assertThat(p.threshold()).contains(Duration.ofMillis(100));
    }
}
