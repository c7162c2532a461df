package dev.cumulus.core.number;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Parses plain decimal text ({@code [+-]digits[.digits]}, or {@code .5} and {@code 5.}) from ASCII bytes straight into a
 * {@link DecimalAccumulator}. Spaces and tabs around the number, and a {@code \r} before the line end, are allowed.
 * Values of up to 18 digits never allocate; longer ones become a {@link BigDecimal}.
 */
public final class DecimalParser {

    /** What {@link #parse} found. */
    public enum Outcome {
        NUMBER, BLANK, INVALID
    }

    private DecimalParser() {
    }

    /** Parses {@code b[start, end)} and adds the number to {@code acc}. Nothing is added unless the outcome is NUMBER. */
    public static Outcome parse(byte[] b, int start, int end, DecimalAccumulator acc) {
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
                return Outcome.INVALID;
            }
        }
        if (digits == 0) {
            return Outcome.INVALID;
        }
        if (digits <= 18) {
            acc.add(negative ? -unscaled : unscaled, fractionDigits);
        } else {
            String text = new String(b, firstDigit, e - firstDigit, StandardCharsets.US_ASCII);
            BigDecimal big = new BigDecimal(point && text.endsWith(".") ? text + "0" : text);
            acc.add(negative ? big.negate() : big);
        }
        return Outcome.NUMBER;
    }

    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
