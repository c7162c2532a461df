package dev.cumulus.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cumulus.core.number.DecimalParser.Outcome;

class DecimalParserTest {

    private final DecimalParser parser = new DecimalParser(NumberLimits.DEFAULTS);

    private Outcome outcome(String text) {
        return parser.parse(text, new DecimalAccumulator());
    }

    private BigDecimal value(String text) {
        DecimalAccumulator acc = new DecimalAccumulator();
        assertThat(parser.parse(text, acc)).isEqualTo(Outcome.NUMBER);
        return acc.result().sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e3", "1E3", "1.5E+10", "-2.5e-3", "+7e0", ".5e1", "5.e2", "0e0", "1e-1000", "1e1000",
            "12345678901234567890123e-7", "-0.000123E+2"})
    void exponentNotation_sameValueAsBigDecimal(String text) {
        // when
        BigDecimal parsed = value(text);

        // then: the value BigDecimal reads; a negative scale is summed as an integer (scale 0)
        BigDecimal expected = new BigDecimal(text);
        assertThat(parsed).isEqualByComparingTo(expected);
        assertThat(parsed.scale()).isEqualTo(Math.max(0, expected.scale()));
    }

    @Test
    void trailingDot_integerValuedOnBothPaths() {
        // when: 18 digits take the long path, 19 the BigDecimal path
        BigDecimal small = value("5.");
        BigDecimal big = value("1234567890123456789.");

        // then: both are integers, as new BigDecimal reads them
        assertThat(small).isEqualTo(new BigDecimal("5"));
        assertThat(big).isEqualTo(new BigDecimal("1234567890123456789"));
        assertThat(big.toPlainString()).isEqualTo("1234567890123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-1001", "1e1001", "1e-100000000", "1e-900000000", "1e8000000", "1e999999999",
            "1e-2147483648", "1e+2147483648", "1e99999999999999999999999999", "0e-5000", "0.5e-1000",
            "100e1001"})
    void exponentBeyondTheScaleBound_outOfBounds(String text) {
        assertThat(outcome(text)).isEqualTo(Outcome.OUT_OF_BOUNDS);
    }

    @Test
    void scaleAtTheBound_accepted() {
        assertThat(value("0." + "0".repeat(999) + "1").scale()).isEqualTo(1000);
        assertThat(value("1e1000").toPlainString()).hasSize(1001);
    }

    @Test
    void digitsAtTheBound_acceptedOneMoreRefused() {
        String thousand = "9".repeat(1000);

        assertThat(value(thousand).precision()).isEqualTo(1000);
        assertThat(value("-" + thousand.substring(1) + "." + "9")).isEqualTo(new BigDecimal("-" + thousand
                .substring(1) + ".9"));
        assertThat(outcome(thousand + "9")).isEqualTo(Outcome.OUT_OF_BOUNDS);
        assertThat(outcome("1" + "0".repeat(1000))).isEqualTo(Outcome.OUT_OF_BOUNDS);
    }

    @Test
    void millionDigits_outOfBoundsWithoutParsingThem() {
        assertThat(outcome("7".repeat(1_000_000))).isEqualTo(Outcome.OUT_OF_BOUNDS);
        assertThat(outcome("0." + "7".repeat(1_000_000) + "e1000000")).isEqualTo(Outcome.OUT_OF_BOUNDS);
    }

    @Test
    void leadingZeros_notSignificant() {
        assertThat(value("0".repeat(100_000) + "42")).isEqualTo(new BigDecimal("42"));
        assertThat(value("-0".repeat(1) + "0".repeat(5000) + ".250")).isEqualTo(new BigDecimal("-0.250"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.2.3", "-", "+", ".", "e3", "1e", "1e+", "1e-", "1ee3", "1e3.5", "1e3e3",
            "--1", "+-1", "1,5", "0x10", "NaN", "Infinity", "٣", "1_000", "1 000", "1e 3", " 1", "1 ", "1\n", "",
            "1d", "1f", "½"})
    void notInTheGrammar_invalid(String text) {
        assertThat(outcome(text)).isEqualTo(Outcome.INVALID);
    }

    @Test
    void linesAllowSpacesAroundAndCarriageReturn() {
        // given
        byte[] line = " \t-2.5e-3 \r".getBytes(StandardCharsets.US_ASCII);
        DecimalAccumulator acc = new DecimalAccumulator();

        // when
        Outcome outcome = parser.parse(line, 0, line.length, acc);

        // then
        assertThat(outcome).isEqualTo(Outcome.NUMBER);
        assertThat(acc.result().sum()).isEqualTo(new BigDecimal("-0.0025"));
    }

    @Test
    void invalidUtf8Bytes_invalid() {
        byte[] line = {'1', (byte) 0xC3, '2'};

        assertThat(parser.parse(line, 0, line.length, new DecimalAccumulator())).isEqualTo(Outcome.INVALID);
    }

    @Test
    void smallerLimits_enforced() {
        // given
        DecimalParser strict = new DecimalParser(new NumberLimits(20, 2));

        // then
        assertThat(strict.parse("1.25", new DecimalAccumulator())).isEqualTo(Outcome.NUMBER);
        assertThat(strict.parse("1.255", new DecimalAccumulator())).isEqualTo(Outcome.OUT_OF_BOUNDS);
        assertThat(strict.parse("1e3", new DecimalAccumulator())).isEqualTo(Outcome.OUT_OF_BOUNDS);
        assertThat(strict.parse("1".repeat(21), new DecimalAccumulator())).isEqualTo(Outcome.OUT_OF_BOUNDS);
    }
}
