package dev.cumulus.store.job;

import java.util.Objects;

/**
 * The result of one chunk of a job, recorded once. {@code sum}, {@code min} and {@code max} are exact decimals as
 * text; {@code min} and {@code max} are null when {@code count} is 0. {@code offset} and {@code length} are the
 * chunk's byte range for a source, or its first value and number of values for inline values.
 *
 * @param attempts the calls made for it (1, plus its retries and hedges)
 * @param skipped records of the chunk passed over for want of a value (not in {@code count})
 */
public record ChunkRecord(int index, long offset, long length, long count, String sum, String min, String max,
        int attempts, long skipped) {

    public ChunkRecord {
        Objects.requireNonNull(sum, "sum");
        if (index < 0 || count < 0 || attempts < 1 || skipped < 0) {
            throw new IllegalArgumentException(
                    "index, count and skipped must not be negative, attempts must be positive");
        }
    }

    /** A chunk with no record skipped. */
    public ChunkRecord(int index, long offset, long length, long count, String sum, String min, String max,
            int attempts) {
        this(index, offset, length, count, sum, min, max, attempts, 0);
    }
}
