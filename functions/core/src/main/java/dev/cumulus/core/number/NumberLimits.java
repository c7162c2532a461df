package dev.cumulus.core.number;

/**
 * Bounds on one number, checked while its text is scanned and before any {@link java.math.BigDecimal} is built, so
 * that parsing costs time linear in the text and a sum's plain text stays linear in the input's size.
 *
 * <p>
 * {@code maxDigits} bounds the significant digits (from the first non-zero digit to the last digit written; leading
 * zeros are free), {@code maxScale} bounds the scale both ways: the fraction digits minus the exponent must lie within
 * {@code -maxScale..maxScale}. So {@code 1e-1001} and {@code 1e1001} are out of bounds under the defaults, and no
 * accepted value has a plain form longer than {@code maxDigits + maxScale + 2} characters.
 *
 * @param maxDigits most significant digits of one value, at least {@value #MIN_DIGITS} (every {@code long} fits)
 * @param maxScale the scale of one value must lie within {@code -maxScale..maxScale}
 */
public record NumberLimits(int maxDigits, int maxScale) {

    /** The least {@code maxDigits}: every 64-bit integer passes. */
    public static final int MIN_DIGITS = 19;
    /** The largest {@code maxDigits} and {@code maxScale} an operator may configure. */
    public static final int MAX_CONFIGURABLE = 100_000;
    /** The defaults of {@code cumulus.numbers.max-digits} and {@code cumulus.numbers.max-scale}. */
    public static final NumberLimits DEFAULTS = new NumberLimits(1000, 1000);

    /** Headroom for the digits a count of up to 2^63 values adds to a sum. */
    private static final int COUNT_DIGITS = 20;

    public NumberLimits {
        if (maxDigits < MIN_DIGITS || maxDigits > 3 * MAX_CONFIGURABLE + COUNT_DIGITS) {
            throw new IllegalArgumentException("maxDigits must be between " + MIN_DIGITS + " and "
                    + MAX_CONFIGURABLE + ": " + maxDigits);
        }
        if (maxScale < 0 || maxScale > MAX_CONFIGURABLE) {
            throw new IllegalArgumentException(
                    "maxScale must be between 0 and " + MAX_CONFIGURABLE + ": " + maxScale);
        }
    }

    /** Limits set by an operator: both at most {@value #MAX_CONFIGURABLE}. */
    public static NumberLimits configured(int maxDigits, int maxScale) {
        if (maxDigits > MAX_CONFIGURABLE) {
            throw new IllegalArgumentException("cumulus.numbers.max-digits must be between " + MIN_DIGITS + " and "
                    + MAX_CONFIGURABLE + ": " + maxDigits);
        }
        return new NumberLimits(maxDigits, maxScale);
    }

    /**
     * The bounds of a partial sum (and of its least and greatest value) of numbers within these limits: its scale
     * is that of one of its inputs (0 to {@code maxScale}), its integer part has at most {@code maxDigits +
     * maxScale} digits plus those of the count, and its fraction at most {@code maxScale}.
     */
    public NumberLimits forPartialSums() {
        return new NumberLimits(maxDigits + 2 * maxScale + COUNT_DIGITS, maxScale);
    }

    /** For error messages: what a value may be. */
    public String describe() {
        return "at most " + maxDigits + " significant digits and a scale (fraction digits minus exponent) within -"
                + maxScale + ".." + maxScale;
    }
}
