package dev.cumulus.core.number;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.cumulus.core.error.InvalidNumberException;

/** Sums an inline list of values exactly; the first value that is not a number is reported with its position. */
public final class InlineSummer {

    private InlineSummer() {
    }

    public static ExactSum sum(List<InlineValue> values) {
        DecimalAccumulator acc = new DecimalAccumulator();
        for (int i = 0; i < values.size(); i++) {
            add(acc, values.get(i), i);
        }
        return acc.result();
    }

    private static void add(DecimalAccumulator acc, InlineValue value, int position) {
        if (value == null || value.kind() == InlineValue.Kind.OTHER) {
            throw InvalidNumberException.atPosition(position, value == null ? "null" : value.text());
        }
        String text = value.text();
        if (value.kind() == InlineValue.Kind.NUMBER && (text.indexOf('e') >= 0 || text.indexOf('E') >= 0)) {
            // JSON's exponent form is valid for numbers, never for decimal strings
            acc.add(new BigDecimal(text));
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        boolean plain = bytes.length == text.length() && !text.isBlank() && text.strip().equals(text);
        if (!plain || DecimalParser.parse(bytes, 0, bytes.length, acc) != DecimalParser.Outcome.NUMBER) {
            throw InvalidNumberException.atPosition(position, text);
        }
    }
}
