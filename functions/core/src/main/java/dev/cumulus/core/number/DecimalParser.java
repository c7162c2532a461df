package dev.cumulus.core.number;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The one number grammar of the platform, for JSON numbers, decimal strings and source lines alike:
 * {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} in ASCII, so {@code -12.50}, {@code .5},
 * {@code 5.} (the integer 5), {@code 1e3} and {@code 1.5E+10} are numbers; anything else (other digits, {@code NaN},
 * hexadecimal, commas) is not. Spaces and tabs around the number, and a {@code \r} before the line end, are skipped.
 *
 * <p>
 * Bounds ({@link NumberLimits}) are checked while scanning, before any {@link BigDecimal} is built: a value with too
 * many significant digits or a scale out of range is {@link Outcome#OUT_OF_BOUNDS}, so the work stays linear in the
 * text. Values of up to 18 digits with a scale of 0 to 18 never allocate; others become a {@code BigDecimal} built
 * from their significant digits only. The value is the one {@code new BigDecimal(text)} gives.
 */
public final class DecimalParser {

    /** What {@link #parse} found. */
    public enum Outcome {
        NUMBER, BLANK, INVALID, OUT_OF_BOUNDS
    }

    /** Exponent digits beyond this are not accumulated: the scale is out of bounds anyway, and no long overflows. */
    private static final long EXPONENT_CAP = 1L << 40;

    private final NumberLimits limits;

    public DecimalParser(NumberLimits limits) {
        this.limits = limits;
    }

    public NumberLimits limits() {
        return limits;
    }

    /** Parses {@code b[start, end)} and adds the number to {@code acc}. Nothing is added unless the outcome is NUMBER. */
    public Outcome parse(byte[] b, int start, int end, DecimalAccumulator acc) {
        int i = start;
        int e = end;
        while (e > i && isSpace(b[e - 1])) {
            e--;
        }
        while (i < e && isSpace(b[i])) {
            i++;
        }
        if (i == e) {
            return Outcome.BLANK;
        }
        boolean negative = false;
        byte c = b[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        int firstDigit = i;
        long unscaled = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean point = false;
        for (; i < e; i++) {
            c = b[i];
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                if (point) {
                    fractionDigits++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return Outcome.INVALID;
        }
        int mantissaEnd = i;
        long exponent = 0;
        if (i < e) {
            if (c != 'e' && c != 'E') {
                return Outcome.INVALID;
            }
            exponent = exponent(b, i + 1, e);
            if (exponent == Long.MIN_VALUE) {
                return Outcome.INVALID;
            }
        }
        long scale = fractionDigits - exponent;
        if (scale > limits.maxScale() || scale < -limits.maxScale()) {
            return Outcome.OUT_OF_BOUNDS;
        }
        if (digits <= 18) {
            long signed = negative ? -unscaled : unscaled;
            if (scale >= 0 && scale <= DecimalAccumulator.MAX_FAST_SCALE) {
                acc.add(signed, (int) scale);
            } else {
                acc.add(BigDecimal.valueOf(signed, (int) scale));
            }
            return Outcome.NUMBER;
        }
        BigDecimal big = significant(b, firstDigit, mantissaEnd, (int) scale);
        if (big == null) {
            return Outcome.OUT_OF_BOUNDS;
        }
        acc.add(negative ? big.negate() : big);
        return Outcome.NUMBER;
    }

    /**
     * Parses a value given as text, such as a JSON number or string: the same grammar, without surrounding spaces.
     * Characters outside Latin-1 are never part of a number and make it {@link Outcome#INVALID}.
     */
    public Outcome parse(String text, DecimalAccumulator acc) {
        int n = text.length();
        if (n == 0 || isSpace(text.charAt(0)) || isSpace(text.charAt(n - 1))) {
            return Outcome.INVALID;
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1); // an unmappable character becomes '?'
        return parse(bytes, 0, bytes.length, acc);
    }

    /**
     * The exponent written in {@code b[from, end)} ({@code [+-]?digits}), capped in magnitude near
     * {@link #EXPONENT_CAP}; {@code Long.MIN_VALUE} when it is not one.
     */
    private static long exponent(byte[] b, int from, int end) {
        int i = from;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < end; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            if (value < EXPONENT_CAP) {
                value = value * 10 + (c - '0');
            }
        }
        return negative ? -value : value;
    }

    /**
     * The value of the digits in {@code b[from, to)} (with at most one point) at {@code scale}, built from the
     * significant digits only; {@code null} when there are more of them than allowed.
     */
    private BigDecimal significant(byte[] b, int from, int to, int scale) {
        int i = from;
        while (i < to && (b[i] == '0' || b[i] == '.')) {
            i++;
        }
        int count = 0;
        for (int j = i; j < to; j++) {
            if (b[j] != '.') {
                count++;
            }
        }
        if (count > limits.maxDigits()) {
            return null;
        }
        if (count == 0) {
            return BigDecimal.valueOf(0, scale);
        }
        char[] digits = new char[count];
        int n = 0;
        for (int j = i; j < to; j++) {
            if (b[j] != '.') {
                digits[n++] = (char) b[j];
            }
        }
        return new BigDecimal(new BigInteger(new String(digits)), scale);
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
