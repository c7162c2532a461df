package dev.cumulus.core.format;

import dev.cumulus.core.number.DecimalAccumulator;

/** Reads the wanted value of one record (one line, without its line end) into an accumulator. */
interface FieldReader {

    /**
     * @return false when the record has no value there (an empty cell, a short row, a missing key, {@code null})
     * @throws RecordProblem when the record or its value is refused
     */
    boolean read(byte[] b, int start, int end, DecimalAccumulator acc);

    /** Whether a line holds no record at all and is skipped without a count (an empty line, for CSV). */
    default boolean blank(byte[] b, int start, int end) {
        return start == end;
    }
}
