package dev.cumulus.core.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.InvalidNumberException;

class InlineSummerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<InlineValue> parse(String json) throws Exception {
        return MAPPER.readValue(json, new TypeReference<List<InlineValue>>() {
        });
    }

    @Test
    void contractExample_sumsExactly() throws Exception {
        ExactSum result = InlineSummer.sum(parse("[1,\"2.5\",-3]"));

        assertThat(result.count()).isEqualTo(3);
        assertThat(result.sum().toPlainString()).isEqualTo("0.5");
        assertThat(result.min().toPlainString()).isEqualTo("-3");
        assertThat(result.max().toPlainString()).isEqualTo("2.5");
    }

    @Test
    void jsonFloats_neverPassThroughDouble() throws Exception {
        // as doubles, 0.1 + 0.2 is 0.30000000000000004 and the long value loses its last digits
        ExactSum result = InlineSummer.sum(parse("[0.1, 0.2, 12345678901234567890123, 1e3, \"+007\", \".5\"]"));

        assertThat(result.sum().toPlainString()).isEqualTo("12345678901234567891130.8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, \"abc\"]", "[1, \" 2\"]", "[1, \"\"]", "[1, null]", "[1, true]",
            "[1, {\"a\":1}]", "[1, [2]]", "[1, \"1.2.3\"]", "[1, \"-\"]", "[1, \"٣\"]"})
    void notANumber_rejectedWithItsPosition(String json) throws Exception {
        List<InlineValue> values = parse(json);

        assertThatThrownBy(() -> InlineSummer.sum(values))
                .isInstanceOfSatisfying(InvalidNumberException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NUMBER);
                    assertThat(e.location()).isEqualTo("values[1]");
                });
    }

    @Test
    void longText_truncatedInTheError() throws Exception {
        String junk = "x".repeat(500);
        List<InlineValue> values = parse("[\"" + junk + "\"]");

        assertThatThrownBy(() -> InlineSummer.sum(values))
                .isInstanceOfSatisfying(InvalidNumberException.class, e -> assertThat(e.text()).hasSize(43));
    }

    @Test
    void valuesWrittenBack_keepTheirJsonForm() throws Exception {
        assertThat(MAPPER.writeValueAsString(parse("[1.50, \"2\", 1e3]"))).isEqualTo("[1.50,\"2\",1e3]");
    }

    @Test
    void exponentNotation_sameForNumbersAndStrings() throws Exception {
        // when
        ExactSum result = InlineSummer.sum(parse("[1e3, \"1e3\", \"1.5E+10\", -2.5e-3, \"-2.5e-3\"]"));

        // then
        assertThat(result.sum().toPlainString()).isEqualTo("15000001999.9950");
        assertThat(result.min().toPlainString()).isEqualTo("-0.0025");
    }

    @Test
    void trailingDot_sameValueWhateverTheLength() throws Exception {
        ExactSum result = InlineSummer.sum(parse("[\"5.\", \"1234567890123456789.\"]"));

        assertThat(result.sum().toPlainString()).isEqualTo("1234567890123456794");
        assertThat(result.max().toPlainString()).isEqualTo("1234567890123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-100000000", "1e-900000000", "1e8000000", "1e999999999", "1e-2147483648"})
    void hugeExponent_outOfBoundsNamingTheValue(String text) throws Exception {
        for (String json : new String[]{"[1, " + text + "]", "[1, \"" + text + "\"]"}) {
            List<InlineValue> values = parse(json);

            assertThatThrownBy(() -> InlineSummer.sum(values))
                    .isInstanceOfSatisfying(InvalidNumberException.class, e -> {
                        assertThat(e.location()).isEqualTo("values[1]");
                        assertThat(e.text()).isEqualTo(text);
                        assertThat(e.getMessage()).contains("out of bounds", "1000 significant digits");
                    });
        }
    }

    @Test
    void millionDigitString_outOfBoundsWithAShortEcho() throws Exception {
        List<InlineValue> values = List.of(InlineValue.string("12345".repeat(200_000)));

        assertThatThrownBy(() -> InlineSummer.sum(values))
                .isInstanceOfSatisfying(InvalidNumberException.class, e -> {
                    assertThat(e.text()).isEqualTo("1234512345123451234512345123451234512345...");
                    assertThat(e.getMessage()).hasSizeLessThan(300);
                });
    }

    @Test
    void configuredLimits_applied() {
        List<InlineValue> values = List.of(InlineValue.number("1.5"), InlineValue.string("0.125"));

        assertThatThrownBy(() -> InlineSummer.sum(values, new NumberLimits(19, 2)))
                .isInstanceOfSatisfying(InvalidNumberException.class, e -> assertThat(e.location()).isEqualTo(
                        "values[1]"));
    }
}
