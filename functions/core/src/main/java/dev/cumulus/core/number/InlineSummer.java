package dev.cumulus.core.number;

import java.util.List;

import dev.cumulus.core.error.InvalidNumberException;

/**
 * Sums an inline list of values exactly; the first value that is not a number within the limits is reported with its
 * position. JSON numbers and decimal strings follow one grammar ({@link DecimalParser}): {@code 1e3} and
 * {@code "1e3"} are the same value.
 */
public final class InlineSummer {

    private InlineSummer() {
    }

    /** Sums with the default limits ({@link NumberLimits#DEFAULTS}). */
    public static ExactSum sum(List<InlineValue> values) {
        return sum(values, NumberLimits.DEFAULTS);
    }

    public static ExactSum sum(List<InlineValue> values, NumberLimits limits) {
        DecimalParser parser = new DecimalParser(limits);
        DecimalAccumulator acc = new DecimalAccumulator();
        for (int i = 0; i < values.size(); i++) {
            add(parser, acc, values.get(i), i);
        }
        return acc.result();
    }

    private static void add(DecimalParser parser, DecimalAccumulator acc, InlineValue value, int position) {
        if (value == null || value.kind() == InlineValue.Kind.OTHER) {
            throw InvalidNumberException.atPosition(position, value == null ? "null" : value.text());
        }
        String text = value.text();
        switch (parser.parse(text, acc)) {
            case NUMBER -> {
            }
            case OUT_OF_BOUNDS -> throw InvalidNumberException.atPosition(position, text,
                    "is out of bounds: " + parser.limits().describe());
            default -> throw InvalidNumberException.atPosition(position, text);
        }
    }
}
