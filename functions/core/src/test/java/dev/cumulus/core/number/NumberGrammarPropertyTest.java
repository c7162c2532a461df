package dev.cumulus.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.error.InvalidNumberException;

/**
 * Hostile text thrown at every way a number is read (JSON number and string values, source lines, partial sums):
 * each either gives the value {@code new BigDecimal(text)} gives, when the text is in the grammar and within bounds,
 * or an {@link InvalidNumberException}; never another exception, and never a value whose plain text is longer than
 * the bounds allow.
 */
class NumberGrammarPropertyTest {

    /** The grammar, written the other way: a regular expression over ASCII digits. */
    private static final Pattern GRAMMAR = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    @Property(tries = 1000)
    void hostileText_valueOrInvalidNumber(@ForAll("hostile") String text, @ForAll("limits") NumberLimits limits) {
        // given
        Expected expected = expect(text, limits);

        // when / then: as a JSON string and as a JSON number's text
        for (InlineValue value : List.of(InlineValue.string(text), InlineValue.number(text))) {
            check(expected, () -> InlineSummer.sum(List.of(value), limits).sum(), limits);
        }
        // as a source line, spaces around it (a blank line is skipped, not a number)
        if (!text.isEmpty() && text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf(' ') < 0
                && text.indexOf('\t') < 0) {
            byte[] line = (" " + text + "\t\r\n").getBytes(StandardCharsets.UTF_8);
            check(expected, () -> lines(line, limits).sum(), limits);
        }
    }

    @Property(tries = 300)
    void randomBytes_valueOrInvalidNumber(@ForAll("bytes") byte[] data, @ForAll("limits") NumberLimits limits)
            throws Exception {
        // when
        ExactSum sum;
        try {
            sum = lines(data, limits);
        } catch (InvalidNumberException e) {
            // then: refused, with a short echo
            assertThat(e.getMessage().length()).isLessThan(400);
            return;
        }
        // then: a sum no longer than the bounds of a partial sum
        assertThat(sum.sum().toPlainString().length()).isLessThanOrEqualTo(limits.forPartialSums().maxDigits() + 2);
        // and aggregate reads it back within those bounds
        assertThat(ChunkResult.of(null, null, sum).toExactSum(limits)).isEqualTo(sum);
    }

    private static ExactSum lines(byte[] data, NumberLimits limits) throws Exception {
        return new LineSummer(8192, Long.MAX_VALUE, limits).sum(new ByteArrayInputStream(data), new ByteRange(0,
                null));
    }

    private interface Parse {
        BigDecimal run() throws Exception;
    }

    private record Expected(boolean valid, BigDecimal value) {
    }

    private static Expected expect(String text, NumberLimits limits) {
        if (!GRAMMAR.matcher(text).matches()) {
            return new Expected(false, null);
        }
        BigDecimal reference;
        try {
            reference = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return new Expected(true, null); // an exponent beyond int: grammatical, but out of bounds
        }
        boolean within = Math.abs((long) reference.scale()) <= limits.maxScale()
                && (reference.signum() == 0 || reference.precision() <= limits.maxDigits());
        return new Expected(true, within ? reference : null);
    }

    private static void check(Expected expected, Parse parse, NumberLimits limits) {
        BigDecimal got;
        try {
            got = parse.run();
        } catch (InvalidNumberException e) {
            assertThat(expected.value()).as("refused, but in the grammar and within bounds").isNull();
            assertThat(e.getMessage()).contains(expected.valid() ? "out of bounds" : "not a decimal number");
            assertThat(e.text().length()).isLessThanOrEqualTo(43);
            return;
        } catch (Exception e) {
            throw new AssertionError("neither a value nor InvalidNumberException", e);
        }
        assertThat(expected.value()).as("accepted, but not in the grammar or beyond bounds").isNotNull();
        assertThat(got).isEqualByComparingTo(expected.value());
        assertThat(got.scale()).isEqualTo(Math.max(0, expected.value().scale()));
        assertThat(got.toPlainString().length()).isLessThanOrEqualTo(limits.maxDigits() + limits.maxScale() + 2);
    }

    @Provide
    Arbitrary<NumberLimits> limits() {
        return Arbitraries.of(new NumberLimits(19, 0), new NumberLimits(40, 30), NumberLimits.DEFAULTS);
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> sign = Arbitraries.of("", "", "+", "-", "--", "+-", " ", "\u2212");
        Arbitrary<String> digits = Arbitraries.oneOf(Arbitraries.strings().numeric().ofMaxLength(25),
                Arbitraries.strings().numeric().ofMinLength(900).ofMaxLength(1100),
                Arbitraries.integers().between(0, 1200).map(n -> "0".repeat(n) + "1"),
                Arbitraries.of("", "0", "٣", "１", "9".repeat(19), "1_000", "1,5", "NaN", "Infinity", "0x1F"));
        Arbitrary<String> point = Arbitraries.of("", "", ".", "..", ",");
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("e", "E", "e+", "E-", "e-", "ee", "d", "e "),
                        Arbitraries.oneOf(Arbitraries.integers().between(0, 2000).map(String::valueOf),
                                Arbitraries.of("100000000", "900000000", "8000000", "999999999", "2147483648",
                                        "2147483647", "99999999999999999999999", "00000000000000000005", "")))
                        .as((mark, value) -> mark + value));
        Arbitrary<String> tail = Arbitraries.of("", "", "", " ", "\t", "\r", "\n", "\u0000", "x", "\uD83D\uDE00");
        Arbitrary<String> built = Combinators.combine(sign, digits, point, digits, exponent, tail)
                .as((s, d, p, f, e, t) -> s + d + p + f + e + t);
        return Arbitraries.oneOf(built, built, built, Arbitraries.strings().ofMaxLength(30));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<Byte> likely = Arbitraries.of((byte) '0', (byte) '1', (byte) '9', (byte) '\n', (byte) '.',
                (byte) 'e', (byte) '-', (byte) '+', (byte) '\r', (byte) ' ', (byte) 0xC3, (byte) 0xFF, (byte) 0x80);
        return Arbitraries.oneOf(likely, Arbitraries.bytes()).array(byte[].class).ofMaxSize(3000);
    }
}
