package dev.cumulus.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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
 * Random CSV files (quoted fields holding delimiters and doubled quotes, unicode text, empty cells, short rows, LF
 * and CRLF, a header) cut at random points: the chunks together count every record once, and their sum, count and
 * skipped count are those Apache Commons CSV reads from the whole file.
 */
class CsvSplitPropertyTest {

    private final RecordSummer summer = new RecordSummer(4096, Long.MAX_VALUE, NumberLimits.DEFAULTS);

    /** A generated file: its rows of cells as written (quoted or not), and how it is laid out. */
    record CsvFile(List<List<String>> rows, char delimiter, String lineEnd, int column, int columns) {

        String text() {
            StringBuilder text = new StringBuilder();
            for (List<String> row : rows) {
                text.append(String.join(String.valueOf(delimiter), row)).append(lineEnd);
            }
            return text.toString();
        }
    }

    @Property(tries = 300)
    void anySplit_byIndex_matchesTheReference(@ForAll("files") CsvFile file,
            @ForAll @IntRange(min = 0, max = 8) int cuts, @ForAll("seeds") long seed) throws IOException {
        RecordFormat format = RecordFormat.csv(file.column(), true, file.delimiter()).withMissing("skip");
        check(file, format, cuts, seed);
    }

    @Property(tries = 200)
    void anySplit_byName_matchesTheReference(@ForAll("files") CsvFile file,
            @ForAll @IntRange(min = 0, max = 8) int cuts, @ForAll("seeds") long seed) throws IOException {
        RecordFormat format = new RecordFormat("csv", "c" + file.column(), true, String.valueOf(file.delimiter()),
                null, "skip", null);
        check(file, format, cuts, seed);
    }

    private void check(CsvFile file, RecordFormat format, int cuts, long seed) throws IOException {
        byte[] bytes = file.text().getBytes(StandardCharsets.UTF_8);

        ExactSum merged = ExactSum.EMPTY;
        long skipped = 0;
        for (ByteRange range : Splits.random(bytes.length, cuts, seed)) {
            RecordFormat f = format;
            if (format.columnIndex() < 0 && range.offset() > 0) {
                f = format.withColumnIndex(summer.columnOf(new ByteArrayInputStream(bytes), format, "test"));
            }
            RecordSum part = summer.sum(Splits.from(bytes, range), range, f, "test");
            merged = merged.merge(part.sum());
            skipped += part.skipped();
        }

        Reference expected = reference(file);
        assertThat(merged.count()).isEqualTo(expected.count);
        assertThat(skipped).isEqualTo(expected.skipped);
        assertThat(merged.sum()).isEqualByComparingTo(expected.sum);
    }

    static final class Reference {
        long count;
        long skipped;
        BigDecimal sum = BigDecimal.ZERO;
    }

    private static Reference reference(CsvFile file) throws IOException {
        CSVFormat csv = CSVFormat.RFC4180.builder().setDelimiter(file.delimiter()).setIgnoreEmptyLines(true).get();
        Reference r = new Reference();
        try (CSVParser parser = CSVParser.parse(new StringReader(file.text()), csv)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                String cell = record.size() > file.column() ? record.get(file.column()).strip() : "";
                if (cell.isEmpty()) {
                    r.skipped++;
                } else {
                    r.count++;
                    r.sum = r.sum.add(new BigDecimal(cell));
                }
            }
        }
        return r;
    }

    @Provide
    Arbitrary<CsvFile> files() {
        Arbitrary<Character> delimiters = Arbitraries.of(',', ';', '\t', '|');
        Arbitrary<String> lineEnds = Arbitraries.of("\n", "\r\n");
        Arbitrary<Integer> widths = Arbitraries.integers().between(1, 4);
        return Combinators.combine(delimiters, lineEnds, widths, Arbitraries.integers().between(0, 3))
                .flatAs((d, end, width, col) -> {
                    int column = col % width;
                    Arbitrary<List<String>> row = row(d, width, column);
                    return row.list().ofMaxSize(40).map(rows -> {
                        List<List<String>> all = new ArrayList<>();
                        List<String> header = new ArrayList<>();
                        for (int i = 0; i < width; i++) {
                            header.add("c" + i);
                        }
                        all.add(header);
                        all.addAll(rows);
                        return new CsvFile(all, d, end, column, width);
                    });
                });
    }

    /** A row: text cells around the value cell, sometimes cut short, sometimes empty (a blank line). */
    private Arbitrary<List<String>> row(char delimiter, int width, int column) {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '\u07ff')
                .withChars('"', delimiter, '\t', '\u20ac').ofMaxLength(12).map(s -> quoted(s, delimiter));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(6, numbers()),
                Tuple.of(2, numbers().map(n -> "\"" + n + "\"")),
                Tuple.of(1, numbers().map(n -> " " + n + " ")),
                Tuple.of(1, Arbitraries.of("", "\"\"", "  ")));
        Arbitrary<Integer> cut = Arbitraries.frequency(Tuple.of(8, width),
                Tuple.of(1, column), Tuple.of(1, 0));
        return Combinators.combine(text.list().ofSize(width), value, cut).as((cells, v, keep) -> {
            List<String> row = new ArrayList<>(cells);
            row.set(column, v);
            // a short row; a row cut to nothing is a blank line, which is no record at all
            return keep == 0 ? List.of("") : List.copyOf(row.subList(0, keep));
        });
    }

    private static Arbitrary<String> numbers() {
        return Arbitraries.bigDecimals().between(new BigDecimal("-1000000"), new BigDecimal("1000000"))
                .ofScale(3).flatMap(d -> Arbitraries.of(d.stripTrailingZeros().toPlainString(), d.toPlainString(),
                        d.stripTrailingZeros().toString()));
    }

    /** Quotes a text cell when it must be (a delimiter or quote inside), and sometimes when it need not. */
    private static String quoted(String s, char delimiter) {
        boolean must = s.indexOf('"') >= 0 || s.indexOf(delimiter) >= 0 || s.isEmpty()
                || s.charAt(0) == ' ' || s.hashCode() % 3 == 0;
        return must ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
