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
 * {@code skipped} counts the records passed over for want of a value (a format's {@code missing: skip}); they are
 * not in {@code count}.
 */
public record ExactSum(long count, BigDecimal sum, BigDecimal min, BigDecimal max, long skipped) {

    public static final ExactSum EMPTY = new ExactSum(0, BigDecimal.ZERO, null, null);

    public ExactSum {
        Objects.requireNonNull(sum, "sum");
        if (count < 0 || skipped < 0) {
            throw new IllegalArgumentException("count and skipped must not be negative: " + count + ", " + skipped);
        }
        if ((count == 0) != (min == null) || (count == 0) != (max == null)) {
            throw new IllegalArgumentException("min and max are null exactly when count is 0");
        }
    }

    /** A summary with nothing skipped. */
    public ExactSum(long count, BigDecimal sum, BigDecimal min, BigDecimal max) {
        this(count, sum, min, max, 0);
    }

    public ExactSum merge(ExactSum other) {
        long bothSkipped = Math.addExact(skipped, other.skipped);
        if (other.count == 0) {
            return count == 0
                    ? new ExactSum(0, sum.add(other.sum), null, null, bothSkipped)
                    : with(sum.add(other.sum), bothSkipped);
        }
        if (count == 0) {
            return other.with(sum.add(other.sum), bothSkipped);
        }
        return new ExactSum(Math.addExact(count, other.count), sum.add(other.sum), lesser(min, other.min),
                greater(max, other.max), bothSkipped);
    }

    /** The same summary with {@code n} records skipped. */
    public ExactSum withSkipped(long n) {
        return with(sum, n);
    }

    private ExactSum with(BigDecimal newSum, long newSkipped) {
        return new ExactSum(count, newSum, min, max, newSkipped);
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
