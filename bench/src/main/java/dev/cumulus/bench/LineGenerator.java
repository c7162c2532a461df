package dev.cumulus.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random number lines for the benchmarks, the same for a given seed so that runs compare. Values have up to
 * {@value #MAX_DIGITS} digits and a quarter are negative; how their lengths spread is the {@link Shape}.
 */
final class LineGenerator {

    static final int MAX_DIGITS = 16;

    /** How the digit counts of the values spread. */
    enum Shape {
        /**
         * Each value drawn uniformly below 10^16, as "random integers of up to 16 digits" reads: nine in ten have 16
         * digits, so lines average about 17 bytes.
         */
        VALUES,
        /**
         * Each digit count from 1 to 16 equally likely: lines average under 10 bytes, twice the lines per megabyte,
         * and the kernel's cost per line shows most.
         */
        LENGTHS;

        static Shape of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private final SplittableRandom random;
    private final Shape shape;
    private final int fractionDigits;

    /**
     * @param fractionDigits 0 for integer lines; otherwise the digits after the point of every value, taken out of
     *        its at most {@value #MAX_DIGITS} digits
     */
    LineGenerator(long seed, Shape shape, int fractionDigits) {
        if (fractionDigits < 0 || fractionDigits >= MAX_DIGITS) {
            throw new IllegalArgumentException("fractionDigits must be in [0, " + MAX_DIGITS + "): " + fractionDigits);
        }
        this.random = new SplittableRandom(seed);
        this.shape = shape;
        this.fractionDigits = fractionDigits;
    }

    /** Writes the next line, newline included, into {@code out} at {@code at}; returns the index after it. */
    int next(byte[] out, int at) {
        int i = at;
        if (random.nextInt(4) == 0) {
            out[i++] = '-';
        }
        int digits = digits();
        for (int d = 0; d < digits; d++) {
            if (d > 0 && d == digits - fractionDigits) {
                out[i++] = '.';
            }
            // only a lone digit may be 0 first, so a value has the digit count drawn (and reads like real data)
            int low = d == 0 && digits > 1 ? 1 : 0;
            out[i++] = (byte) ('0' + low + random.nextInt(10 - low));
        }
        out[i++] = '\n';
        return i;
    }

    private int digits() {
        int digits;
        if (shape == Shape.LENGTHS) {
            digits = 1 + random.nextInt(MAX_DIGITS);
        } else {
            // a value uniform below 10^16 has d digits with probability 9 * 10^(d - 17), d from 2 to 16
            digits = MAX_DIGITS;
            while (digits > 1 && random.nextInt(10) == 0) {
                digits--;
            }
        }
        return Math.max(digits, fractionDigits + 1);
    }

    /** The longest line {@link #next} writes: sign, digits, point and newline. */
    static int maxLineBytes() {
        return MAX_DIGITS + 3;
    }
}
