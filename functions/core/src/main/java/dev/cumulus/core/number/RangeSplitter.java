package dev.cumulus.core.number;

import java.util.ArrayList;
import java.util.List;

import dev.cumulus.core.error.InvalidInputException;

/**
 * Splits an object of known size into consecutive byte ranges of {@code chunkBytes}. The ranges need not fall on line
 * boundaries: each owns the lines that start inside it (see {@link LineSummer}), so together they count every line of
 * the object exactly once.
 */
public final class RangeSplitter {

    private final int maxChunks;

    public RangeSplitter(int maxChunks) {
        if (maxChunks < 1) {
            throw new IllegalArgumentException("maxChunks must be positive: " + maxChunks);
        }
        this.maxChunks = maxChunks;
    }

    /** The ranges of an object of {@code size} bytes; none for an empty object. */
    public List<ByteRange> split(long size, long chunkBytes) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (chunkBytes < 1) {
            throw new InvalidInputException("chunkBytes", "must be at least 1");
        }
        long chunks = size / chunkBytes + (size % chunkBytes == 0 ? 0 : 1);
        if (chunks > maxChunks) {
            throw new InvalidInputException("chunkBytes", "would split " + size + " bytes into " + chunks
                    + " chunks; at most " + maxChunks + " are allowed, so use chunks of at least "
                    + ceilDiv(size, maxChunks) + " bytes");
        }
        List<ByteRange> ranges = new ArrayList<>((int) chunks);
        for (long offset = 0; offset < size; offset += chunkBytes) {
            ranges.add(new ByteRange(offset, Math.min(chunkBytes, size - offset)));
        }
        return ranges;
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }
}
