package dev.cumulus.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.NumberLimits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Random JSON Lines files (the field as a number, a decimal string, null, missing, or under a key that is not an
 * object; other keys with unicode text, arrays and nested objects; LF and CRLF; blank lines) cut at random points:
 * the chunks together give the sum, count and skipped count that Jackson's tree model reads from the whole file.
 */
class JsonlSplitPropertyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final RecordSummer summer = new RecordSummer(4096, Long.MAX_VALUE, NumberLimits.DEFAULTS);

    @Property(tries = 300)
    void anySplit_matchesTheReference(@ForAll("lines") List<String> lines, @ForAll("lineEnds") String lineEnd,
            @ForAll @IntRange(min = 0, max = 8) int cuts, @ForAll("seeds") long seed) throws IOException {
        byte[] bytes = (String.join(lineEnd, lines) + lineEnd).getBytes(StandardCharsets.UTF_8);
        RecordFormat format = RecordFormat.jsonl("order.total").withMissing("skip");

        ExactSum merged = ExactSum.EMPTY;
        long skipped = 0;
        for (ByteRange range : Splits.random(bytes.length, cuts, seed)) {
            RecordSum part = summer.sum(Splits.from(bytes, range), range, format, "test");
            merged = merged.merge(part.sum());
            skipped += part.skipped();
        }

        long count = 0;
        long missing = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode value = MAPPER.readTree(line).path("order").path("total");
            if (value.isNumber()) {
                count++;
                sum = sum.add(value.decimalValue());
            } else if (value.isTextual() && !value.asText().isEmpty()) {
                count++;
                sum = sum.add(new BigDecimal(value.asText()));
            } else {
                missing++;
            }
        }
        assertThat(merged.count()).isEqualTo(count);
        assertThat(skipped).isEqualTo(missing);
        assertThat(merged.sum()).isEqualByComparingTo(sum);
    }

    @Provide
    Arbitrary<List<String>> lines() {
        JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);
        Arbitrary<BigDecimal> numbers = Arbitraries.bigDecimals()
                .between(new BigDecimal("-1000000000"), new BigDecimal("1000000000")).ofScale(4);
        Arbitrary<String> texts = Arbitraries.strings().withCharRange(' ', '\u07ff').withChars('"', '\\', '\n',
                '\u20ac').ofMaxLength(10);
        // 0: a number, 1: a decimal string, 2: null, 3: missing, 4: "order" is not an object, 5: an empty string
        Arbitrary<Integer> kinds = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(1, 2),
                Tuple.of(1, 3), Tuple.of(1, 4), Tuple.of(1, 5));
        Arbitrary<String> record = Combinators.combine(kinds, numbers, texts, Arbitraries.integers().between(0, 99))
                .as((kind, number, text, id) -> {
                    ObjectNode line = nodes.objectNode();
                    line.put("id", id);
                    line.put("name", text);
                    line.putArray("tags").add(text).add(number).addObject().put("total", 1);
                    ObjectNode order = nodes.objectNode();
                    order.put("currency", text);
                    switch (kind) {
                        case 0 -> order.put("total", number);
                        case 1 -> order.put("total", number.toPlainString());
                        case 2 -> order.putNull("total");
                        case 5 -> order.put("total", "");
                        default -> {
                        }
                    }
                    order.putObject("nested").put("total", 7);
                    if (kind == 4) {
                        line.put("order", text);
                    } else {
                        line.set("order", order);
                    }
                    return line.toString();
                });
        return Arbitraries.frequencyOf(Tuple.of(12, record), Tuple.of(1, Arbitraries.of("", "  "))).list()
                .ofMaxSize(30);
    }

    @Provide
    Arbitrary<String> lineEnds() {
        return Arbitraries.of("\n", "\r\n");
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
