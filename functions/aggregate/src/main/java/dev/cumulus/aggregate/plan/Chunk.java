package dev.cumulus.aggregate.plan;

/**
 * One chunk of a job. For a source job, {@code offset} and {@code length} are bytes of the object numbered
 * {@code object} in the plan's list; for inline values, the index of the first value and the number of values (and
 * {@code object} is 0).
 */
public record Chunk(int index, int object, long offset, long length) {

    /** A chunk of inline values, or of a job's only object. */
    public Chunk(int index, long offset, long length) {
        this(index, 0, offset, length);
    }
}
