package dev.cumulus.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.InvalidNumberException;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.NumberLimits;

class ChunkResultTest {

    @Test
    void plainResult_readBackExactly() {
        // given
        ExactSum sum = new ExactSum(3, new BigDecimal("-12.500"), new BigDecimal("-20.5"), new BigDecimal("8.000"));

        // when
        ExactSum back = ChunkResult.of("j", 0, sum).toExactSum();

        // then
        assertThat(back).isEqualTo(sum);
    }

    @Test
    void largestHonestPartialSum_accepted() {
        // given: as many digits as a sum of inputs within the defaults can have
        String sum = "9".repeat(1000 + 1000 + 19) + "." + "9".repeat(1000);

        // when
        ExactSum back = new ChunkResult("j", 0, 5, sum, "1", "2").toExactSum(NumberLimits.DEFAULTS);

        // then
        assertThat(back.sum().toPlainString()).isEqualTo(sum);
    }

    @Test
    void overlongPartialSum_refusedCheaplyWithAShortEcho() {
        // given: a million digits, which BigDecimal would take seconds to read
        ChunkResult broken = new ChunkResult("j", 0, 1, "9".repeat(1_000_000), "1", "1");

        // then
        assertThatThrownBy(() -> broken.toExactSum(NumberLimits.DEFAULTS))
                .isInstanceOfSatisfying(InvalidNumberException.class, e -> {
                    assertThat(e.location()).isEqualTo("sum");
                    assertThat(e.getMessage()).contains("out of bounds").hasSizeLessThan(300);
                });
    }

    @Test
    void exponentInAPartialSum_scaleBounded() {
        ChunkResult broken = new ChunkResult("j", 0, 1, "1", "1e-900000000", "1");

        assertThatThrownBy(() -> broken.toExactSum(NumberLimits.DEFAULTS))
                .isInstanceOfSatisfying(InvalidNumberException.class, e -> assertThat(e.location()).isEqualTo("min"));
    }

    @Test
    void notANumber_refused() {
        ChunkResult broken = new ChunkResult("j", 0, 1, "1", "1", "x");

        assertThatThrownBy(() -> broken.toExactSum()).isInstanceOf(InvalidNumberException.class)
                .hasMessageContaining("max: 'x' is not a decimal number");
    }
}
