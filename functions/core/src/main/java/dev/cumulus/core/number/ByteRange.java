package dev.cumulus.core.number;

/**
 * A byte range of a source object: {@code offset} and an optional {@code length} ({@code null}: to the end). It owns
 * the lines that start inside it (see {@link LineSummer}).
 */
public record ByteRange(long offset, Long length) {

    public ByteRange {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (length != null && length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
    }

    /** Where reading starts: one byte early, to learn whether a line starts exactly at {@code offset}. */
    public long readStart() {
        return offset == 0 ? 0 : offset - 1;
    }

    /**
     * The last byte a reader needs (inclusive), given the longest line allowed: a line owned by the range may run
     * that far past its end. {@code -1} when the range runs to the end of the object.
     */
    public long readEndInclusive(int maxLineLength) {
        if (length == null) {
            return -1;
        }
        long end = offset + length;
        long last = end - 1 + maxLineLength + 1; // +1 for the newline that ends the longest line
        return last < 0 ? Long.MAX_VALUE : last;
    }

    public boolean isEmpty() {
        return length != null && length == 0;
    }
}
