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
}
