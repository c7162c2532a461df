package dev.cumulus.core.chunk;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.InvalidNumberException;
import dev.cumulus.core.number.DecimalAccumulator;
import dev.cumulus.core.number.DecimalParser;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.NumberLimits;

/**
 * The output of {@code sum-chunk}: the count and the exact sum, least and greatest value as decimal strings, so no
 * client loses digits. {@code min} and {@code max} are {@code null} when {@code count} is 0. {@code skipped}, the
 * records without a value that were skipped, is there only when the request's format said {@code missing: skip}
 * (then also when it is 0); other answers do not have the field.
 */
public record ChunkResult(String jobId, Integer index, long count, String sum, String min, String max,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long skipped) {

    public ChunkResult(String jobId, Integer index, long count, String sum, String min, String max) {
        this(jobId, index, count, sum, min, max, null);
    }

    public static ChunkResult of(String jobId, Integer index, ExactSum s) {
        return of(jobId, index, s, null);
    }

    /** @param skipped records skipped for want of a value, or {@code null} when the format does not skip them */
    public static ChunkResult of(String jobId, Integer index, ExactSum s, Long skipped) {
        return new ChunkResult(jobId, index, s.count(), s.sum().toPlainString(), plain(s.min()), plain(s.max()),
                skipped);
    }

    /** {@link #toExactSum(NumberLimits)} for inputs within the default limits. */
    public ExactSum toExactSum() {
        return toExactSum(NumberLimits.DEFAULTS);
    }

    /**
     * The summary this result stands for, so that results can be merged exactly. Its numbers are read with the
     * bounds that a sum of inputs within {@code inputLimits} keeps ({@link NumberLimits#forPartialSums()}), so a
     * broken or hostile answer costs linear time at most.
     *
     * @throws InvalidNumberException when {@code sum}, {@code min} or {@code max} is not such a number
     * @throws InvalidInputException when {@code count} or {@code skipped} is negative
     */
    public ExactSum toExactSum(NumberLimits inputLimits) {
        DecimalParser parser = new DecimalParser(inputLimits.forPartialSums());
        if (count < 0 || (skipped != null && skipped < 0)) {
            throw new InvalidInputException(count < 0 ? "count" : "skipped", "must not be negative");
        }
        return new ExactSum(count, parse(parser, "sum", sum), min == null ? null : parse(parser, "min", min),
                max == null ? null : parse(parser, "max", max), skipped == null ? 0 : skipped);
    }

    private static BigDecimal parse(DecimalParser parser, String field, String text) {
        if (text == null) {
            throw InvalidNumberException.inField(field, "null", InvalidNumberException.NOT_A_NUMBER);
        }
        DecimalAccumulator acc = new DecimalAccumulator();
        DecimalParser.Outcome outcome = parser.parse(text, acc);
        if (outcome == DecimalParser.Outcome.NUMBER) {
            return acc.result().sum();
        }
        throw InvalidNumberException.inField(field, text, outcome == DecimalParser.Outcome.OUT_OF_BOUNDS
                ? "is out of bounds: " + parser.limits().describe()
                : InvalidNumberException.NOT_A_NUMBER);
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }
}
