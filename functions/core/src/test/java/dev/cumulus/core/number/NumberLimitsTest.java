package dev.cumulus.core.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class NumberLimitsTest {

    @Test
    void configDefaults_areTheLibraryDefaults() {
        // given
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(NumberConfig.class).build();

        // when
        NumberConfig numbers = config.getConfigMapping(NumberConfig.class);

        // then
        assertThat(NumberLimits.configured(numbers.maxDigits(), numbers.maxScale())).isEqualTo(NumberLimits.DEFAULTS);
    }

    @Test
    void configuredOutsideItsRange_refusedAtStart() {
        assertThatThrownBy(() -> NumberLimits.configured(18, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NumberLimits.configured(100_001, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cumulus.numbers.max-digits");
        assertThatThrownBy(() -> NumberLimits.configured(1000, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NumberLimits.configured(1000, 100_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largestPartialSum_withinThePartialSumBounds() {
        // given: the largest and the finest values the defaults allow, summed 2^63 - 1 times at most
        NumberLimits limits = NumberLimits.DEFAULTS;
        BigDecimal largest = new BigDecimal("9".repeat(limits.maxDigits()) + "e" + limits.maxScale());
        BigDecimal finest = new BigDecimal("9".repeat(limits.maxDigits()) + "e-" + limits.maxScale());
        BigDecimal sum = largest.add(finest).multiply(BigDecimal.valueOf(Long.MAX_VALUE));

        // then
        NumberLimits partial = limits.forPartialSums();
        assertThat(sum.precision()).isLessThanOrEqualTo(partial.maxDigits());
        assertThat(sum.scale()).isLessThanOrEqualTo(partial.maxScale());
    }
}
