package dev.cumulus.core.number;

import java.math.BigDecimal;

/**
 * Sums decimals exactly without allocating for the common case. Values of up to 18 digits arrive as an unscaled
 * {@code long} and a scale; they are added into one {@code long} per scale, and a partial sum that would overflow is
 * moved into a {@link BigDecimal} first. Longer values go to the {@code BigDecimal} directly. Not thread-safe: one
 * accumulator per chunk, merged through {@link ExactSum#merge}.
 */
public final class DecimalAccumulator {

    /** Largest scale kept in a {@code long} slot; an 18-digit value has at most 18 fraction digits. */
    static final int MAX_FAST_SCALE = 18;

    private static final long[] POW10 = new long[19];
    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final long[] sums = new long[MAX_FAST_SCALE + 1];
    private BigDecimal spill = BigDecimal.ZERO;
    private int maxScale;
    private long count;

    // min and max as unscaled/scale while they fit, else as BigDecimal (big != null)
    private long minUnscaled;
    private int minScale;
    private BigDecimal minBig;
    private long maxUnscaled;
    private int maxScaleOfMax;
    private BigDecimal maxBig;

    /** Adds an integer. */
    public void addInteger(long value) {
        add(value, 0);
    }

    /** Adds {@code unscaled × 10^-scale}, with {@code 0 <= scale <= 18}. */
    public void add(long unscaled, int scale) {
        addToSlot(unscaled, scale);
        if (scale > maxScale) {
            maxScale = scale;
        }
        if (count++ == 0) {
            minUnscaled = maxUnscaled = unscaled;
            minScale = maxScaleOfMax = scale;
            return;
        }
        offerMin(unscaled, scale);
        offerMax(unscaled, scale);
    }

    /**
     * Adds {@code n} integers at once, given their sum (which fitted a {@code long}), least and greatest: the same
     * summary as adding them one by one, for callers that total runs of integers themselves.
     */
    void addIntegers(long n, long sum, long min, long max) {
        if (n == 0) {
            return;
        }
        addToSlot(sum, 0);
        if (count == 0) {
            minUnscaled = min;
            maxUnscaled = max;
            minScale = maxScaleOfMax = 0;
        } else {
            offerMin(min, 0);
            offerMax(max, 0);
        }
        count += n;
    }

    private void addToSlot(long unscaled, int scale) {
        long s = sums[scale];
        long r = s + unscaled;
        if (((s ^ r) & (unscaled ^ r)) < 0) {
            spill = spill.add(BigDecimal.valueOf(s, scale));
            r = unscaled;
        }
        sums[scale] = r;
    }

    private void offerMin(long unscaled, int scale) {
        if (minBig == null && scale == minScale) {
            // the common case, all values at one scale: a plain comparison, and an equal value changes nothing
            if (unscaled < minUnscaled) {
                minUnscaled = unscaled;
            }
            return;
        }
        int c = minBig == null
                ? compare(unscaled, scale, minUnscaled, minScale)
                : BigDecimal.valueOf(unscaled, scale).compareTo(minBig);
        if (c < 0 || c == 0 && scale > (minBig == null ? minScale : minBig.scale())) {
            minUnscaled = unscaled;
            minScale = scale;
            minBig = null;
        }
    }

    private void offerMax(long unscaled, int scale) {
        if (maxBig == null && scale == maxScaleOfMax) {
            if (unscaled > maxUnscaled) {
                maxUnscaled = unscaled;
            }
            return;
        }
        int c = maxBig == null
                ? compare(unscaled, scale, maxUnscaled, maxScaleOfMax)
                : BigDecimal.valueOf(unscaled, scale).compareTo(maxBig);
        if (c > 0 || c == 0 && scale > (maxBig == null ? maxScaleOfMax : maxBig.scale())) {
            maxUnscaled = unscaled;
            maxScaleOfMax = scale;
            maxBig = null;
        }
    }

    /** Adds any decimal; a negative scale is made 0 so that sums stay plain decimals. */
    public void add(BigDecimal value) {
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        spill = spill.add(v);
        if (v.scale() > maxScale) {
            maxScale = v.scale();
        }
        if (count++ == 0) {
            minBig = maxBig = v;
            return;
        }
        minBig = ExactSum.lesser(currentMin(), v);
        maxBig = ExactSum.greater(currentMax(), v);
    }

    public long count() {
        return count;
    }

    public ExactSum result() {
        BigDecimal sum = spill;
        for (int scale = 0; scale <= MAX_FAST_SCALE; scale++) {
            if (sums[scale] != 0) {
                sum = sum.add(BigDecimal.valueOf(sums[scale], scale));
            }
        }
        sum = sum.setScale(maxScale);
        return count == 0 ? new ExactSum(0, sum, null, null) : new ExactSum(count, sum, currentMin(), currentMax());
    }

    private BigDecimal currentMin() {
        return minBig != null ? minBig : BigDecimal.valueOf(minUnscaled, minScale);
    }

    private BigDecimal currentMax() {
        return maxBig != null ? maxBig : BigDecimal.valueOf(maxUnscaled, maxScaleOfMax);
    }

    /** Compares the values of two small decimals ({@code 2.5} and {@code 2.50} are equal). */
    static int compare(long u1, int s1, long u2, int s2) {
        if (s1 == s2) {
            return Long.compare(u1, u2);
        }
        return s1 < s2 ? compareRescaled(u1, s2 - s1, u2) : -compareRescaled(u2, s1 - s2, u1);
    }

    /** Compares {@code a × 10^shift} with {@code b}; an overflow means |a × 10^shift| exceeds any long. */
    private static int compareRescaled(long a, int shift, long b) {
        long hi = Math.multiplyHigh(a, POW10[shift]);
        long lo = a * POW10[shift];
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return Long.compare(lo, b);
        }
        return a < 0 ? -1 : 1;
    }
}
