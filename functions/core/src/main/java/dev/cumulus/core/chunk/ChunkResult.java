package dev.cumulus.core.chunk;

import java.math.BigDecimal;

import dev.cumulus.core.number.ExactSum;

/**
 * The output of {@code sum-chunk}: the count and the exact sum, least and greatest value as decimal strings, so no
 * client loses digits. {@code min} and {@code max} are {@code null} when {@code count} is 0.
 */
public record ChunkResult(String jobId, Integer index, long count, String sum, String min, String max) {

    public static ChunkResult of(String jobId, Integer index, ExactSum s) {
        return new ChunkResult(jobId, index, s.count(), s.sum().toPlainString(), plain(s.min()), plain(s.max()));
    }

    /** The summary this result stands for, so that results can be merged exactly. */
    public ExactSum toExactSum() {
        return new ExactSum(count, new BigDecimal(sum), min == null ? null : new BigDecimal(min),
                max == null ? null : new BigDecimal(max));
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }
}
