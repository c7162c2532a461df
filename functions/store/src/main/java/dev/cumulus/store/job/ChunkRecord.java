package dev.cumulus.store.job;

import java.util.Objects;

/**
 * The result of one chunk of a job, recorded once. {@code sum}, {@code min} and {@code max} are exact decimals as
 * text; {@code min} and {@code max} are null when {@code count} is 0. {@code offset} and {@code length} are the
 * chunk's byte range for a source, or its first value and number of values for inline values.
 *
 * @param attempts the calls made for it (1, plus its retries and hedges)
 */
public record ChunkRecord(int index, long offset, long length, long count, String sum, String min, String max,
        int attempts) {

    public ChunkRecord {
        Objects.requireNonNull(sum, "sum");
        if (index < 0 || count < 0 || attempts < 1) {
            throw new IllegalArgumentException("index and count must not be negative, attempts must be positive");
        }
    }
}
