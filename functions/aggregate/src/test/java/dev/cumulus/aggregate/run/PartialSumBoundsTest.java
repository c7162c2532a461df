package dev.cumulus.aggregate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.invoke.InvocationFailure;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.number.NumberLimits;

/** A partial sum from {@code sum-chunk} is read within the bounds that sums of bounded numbers keep. */
class PartialSumBoundsTest {

    private static final ChunkRequest REQUEST = ChunkRequest.ofValues("job", 3, List.of(InlineValue.number("1")));

    @Test
    void honestPartialSum_accepted() {
        // given
        ChunkResult result = new ChunkResult("job", 3, 2, "-1.50", "-2", "0.50");

        // when
        ExactSum sum = ChunkCaller.accept(REQUEST, result, NumberLimits.DEFAULTS);

        // then
        assertThat(sum.sum()).isEqualTo(new BigDecimal("-1.50"));
    }

    @Test
    void overlongPartialSum_failedChunkNotRetried() {
        // given: a million digits, beyond what any sum of bounded inputs has
        ChunkResult result = new ChunkResult("job", 3, 1, "9".repeat(1_000_000), "1", "1");

        // then
        assertThatThrownBy(() -> ChunkCaller.accept(REQUEST, result, NumberLimits.DEFAULTS))
                .isInstanceOfSatisfying(InvocationFailure.class, e -> {
                    assertThat(e.code()).isEqualTo("DOWNSTREAM_FAILED");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("out of bounds").hasSizeLessThan(400);
                });
    }

    @Test
    void partialSumWithAHugeExponent_failedChunk() {
        ChunkResult result = new ChunkResult("job", 3, 1, "1e-900000000", "1", "1");

        assertThatThrownBy(() -> ChunkCaller.accept(REQUEST, result, NumberLimits.DEFAULTS))
                .isInstanceOf(InvocationFailure.class);
    }

    @Test
    void configuredLimits_boundThePartialSum() {
        // given: inputs of at most 19 digits and scale 0 sum to at most 19 + 0 + 20 digits
        NumberLimits small = new NumberLimits(19, 0);
        ChunkResult result = new ChunkResult("job", 3, 1, "1".repeat(40), "1", "1");

        assertThatThrownBy(() -> ChunkCaller.accept(REQUEST, result, small)).isInstanceOf(InvocationFailure.class);
        assertThat(ChunkCaller.accept(REQUEST, new ChunkResult("job", 3, 1, "1".repeat(39), "1", "1"), small)
                .count()).isEqualTo(1);
    }
}
