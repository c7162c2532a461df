package dev.cumulus.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For random files and random split points, the chunks' results merge to the whole file's exact sum, and every line
 * is counted exactly once.
 */
class RangeSplitPropertyTest {

    private final LineSummer summer = new LineSummer(128, Long.MAX_VALUE);

    @Property(tries = 300)
    void anySplit_mergesToTheWholeSum(@ForAll("files") List<String> lines, @ForAll("lineEnds") String lineEnd,
            @ForAll boolean finalNewline, @ForAll @IntRange(min = 0, max = 8) int cuts,
            @ForAll("seeds") long seed) throws IOException {
        String text = String.join(lineEnd, lines) + (finalNewline ? lineEnd : "");
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        List<ByteRange> ranges = randomSplit(bytes.length, cuts, seed);

        ExactSum merged = ExactSum.EMPTY;
        for (ByteRange range : ranges) {
            merged = merged.merge(sum(bytes, range));
        }

        ExactSum expected = reference(lines);
        assertThat(merged.count()).isEqualTo(expected.count());
        assertThat(merged.sum()).isEqualTo(expected.sum());
        assertThat(merged.min()).isEqualTo(expected.min());
        assertThat(merged.max()).isEqualTo(expected.max());
    }

    @Property(tries = 100)
    void fixedSizeChunks_fromTheSplitter_mergeToTheWholeSum(@ForAll("files") List<String> lines,
            @ForAll @IntRange(min = 1, max = 64) int chunkBytes) throws IOException {
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);

        ExactSum merged = ExactSum.EMPTY;
        for (ByteRange range : new RangeSplitter(1_000_000).split(bytes.length, chunkBytes)) {
            merged = merged.merge(sum(bytes, range));
        }

        assertThat(merged.sum()).isEqualTo(reference(lines).sum());
        assertThat(merged.count()).isEqualTo(reference(lines).count());
    }

    /** Files larger than the read buffer, so lines and integer runs straddle its refills and overflow batches. */
    @Property(tries = 8)
    void largeIntegerFile_anySplit_mergesToTheWholeSum(@ForAll("seeds") long seed,
            @ForAll @IntRange(min = 0, max = 5) int cuts) throws IOException {
        java.util.Random random = new java.util.Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            long magnitude = (long) (random.nextDouble() * Math.pow(10, 1 + random.nextInt(18)));
            lines.add(random.nextInt(4) == 0 ? "-" + magnitude : Long.toString(magnitude));
        }
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);

        ExactSum merged = ExactSum.EMPTY;
        for (ByteRange range : randomSplit(bytes.length, cuts, seed)) {
            merged = merged.merge(sum(bytes, range));
        }

        assertThat(merged).isEqualTo(reference(lines));
    }

    private ExactSum sum(byte[] bytes, ByteRange range) throws IOException {
        int start = (int) Math.min(range.readStart(), bytes.length);
        return summer.sum(new ByteArrayInputStream(bytes, start, bytes.length - start), range);
    }

    /** The sum computed the obvious way, one BigDecimal per line. */
    private static ExactSum reference(List<String> lines) {
        ExactSum total = ExactSum.EMPTY;
        for (String line : lines) {
            if (!line.isBlank()) {
                BigDecimal v = new BigDecimal(line.strip().replaceFirst("^\\+", ""));
                total = total.merge(new ExactSum(1, v, v, v));
            }
        }
        return total;
    }

    private static List<ByteRange> randomSplit(int size, int cuts, long seed) {
        java.util.Random random = new java.util.Random(seed);
        TreeSet<Integer> points = new TreeSet<>();
        for (int i = 0; i < cuts && size > 0; i++) {
            points.add(random.nextInt(size + 1));
        }
        points.add(0);
        points.add(size);
        List<ByteRange> ranges = new ArrayList<>();
        Integer previous = null;
        for (int p : points) {
            if (previous != null) {
                ranges.add(new ByteRange(previous, (long) (p - previous)));
            }
            previous = p;
        }
        if (ranges.isEmpty()) {
            ranges.add(new ByteRange(0, 0L));
        }
        return ranges;
    }

    @Provide
    Arbitrary<List<String>> files() {
        Arbitrary<String> integer = Arbitraries.longs().map(String::valueOf);
        Arbitrary<String> small = Arbitraries.integers().between(-1000, 1000)
                .map(i -> (i % 3 == 0 && i >= 0 ? "+" : "") + i);
        Arbitrary<String> decimal = Combinators.combine(Arbitraries.longs().between(-999_999, 999_999),
                Arbitraries.integers().between(0, 6)).as((u, s) -> BigDecimal.valueOf(u, s).toPlainString());
        Arbitrary<String> huge = Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(40)
                .map(d -> "-" + d);
        Arbitrary<String> blank = Arbitraries.of("", " ", "\t");
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, integer), net.jqwik.api.Tuple.of(5, small),
                net.jqwik.api.Tuple.of(3, decimal), net.jqwik.api.Tuple.of(1, huge),
                net.jqwik.api.Tuple.of(1, blank));
        return line.list().ofMinSize(0).ofMaxSize(60);
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
