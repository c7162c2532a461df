package dev.cumulus.core.number;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The exact summary of some numbers: how many, their sum, least and greatest. Merging is associative and
 * commutative, so any chunking of the same numbers merges to the same summary.
 *
 * <p>
 * The sum carries the largest scale of its inputs ({@code 1.10 + 2.2 = 3.30}), like SQL's numeric sum. When two
 * equal values differ in scale ({@code 2.5} and {@code 2.50}), {@code min} and {@code max} keep the larger scale, so the
 * answer does not depend on the order either. {@code min} and {@code max} are {@code null} when {@code count} is 0.
 */
public record ExactSum(long count, BigDecimal sum, BigDecimal min, BigDecimal max) {

    public static final ExactSum EMPTY = new ExactSum(0, BigDecimal.ZERO, null, null);

    public ExactSum {
        Objects.requireNonNull(sum, "sum");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if ((count == 0) != (min == null) || (count == 0) != (max == null)) {
            throw new IllegalArgumentException("min and max are null exactly when count is 0");
        }
    }

    public ExactSum merge(ExactSum other) {
        if (other.count == 0) {
            return count == 0 ? new ExactSum(0, sum.add(other.sum), null, null) : withSum(sum.add(other.sum));
        }
        if (count == 0) {
            return other.withSum(sum.add(other.sum));
        }
        return new ExactSum(Math.addExact(count, other.count), sum.add(other.sum), lesser(min, other.min),
                greater(max, other.max));
    }

    private ExactSum withSum(BigDecimal newSum) {
        return new ExactSum(count, newSum, min, max);
    }

    static BigDecimal lesser(BigDecimal a, BigDecimal b) {
        int c = a.compareTo(b);
        return c < 0 ? a : c > 0 ? b : (a.scale() >= b.scale() ? a : b);
    }

    static BigDecimal greater(BigDecimal a, BigDecimal b) {
        int c = a.compareTo(b);
        return c > 0 ? a : c < 0 ? b : (a.scale() >= b.scale() ? a : b);
    }
}
