package dev.cumulus.core.format;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import dev.cumulus.core.number.ByteRange;

/** Random splits of a file into ranges, and the stream a reader would give for each. */
final class Splits {

    private Splits() {
    }

    /** {@code cuts} random cut points (some may coincide): ranges that together cover {@code [0, size)} once. */
    static List<ByteRange> random(int size, int cuts, long seed) {
        Random random = new Random(seed);
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

    /** The object from one byte before the range, as a source reader opens it. */
    static InputStream from(byte[] bytes, ByteRange range) {
        int start = (int) Math.min(range.readStart(), bytes.length);
        return new ByteArrayInputStream(bytes, start, bytes.length - start);
    }
}
