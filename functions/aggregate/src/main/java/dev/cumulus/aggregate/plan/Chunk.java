package dev.cumulus.aggregate.plan;

/**
 * One chunk of a job. For a source job, {@code offset} and {@code length} are bytes of the object; for inline values,
 * the index of the first value and the number of values.
 */
public record Chunk(int index, long offset, long length) {
}
