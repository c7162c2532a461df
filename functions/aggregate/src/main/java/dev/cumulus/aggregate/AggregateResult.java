package dev.cumulus.aggregate;

import java.util.List;

/**
 * The output of {@code aggregate}: the exact count, sum, least and greatest value of every chunk that succeeded, how
 * the chunks went, and each failed chunk with its range, so that a {@code PARTIAL} job can be completed by rerunning
 * exactly those.
 */
public record AggregateResult(String jobId, Status status, long count, String sum, String min, String max,
        ChunkStats chunks, List<FailedChunk> failed, long durationMs) {

    public enum Status {
        /** Every chunk was summed. */
        SUCCEEDED,
        /** Some chunks failed, no more than the job tolerated; {@code failed} lists them. */
        PARTIAL
    }

    /** How the chunks of a job went: retries and hedges are extra calls, each chunk counts once. */
    public record ChunkStats(int total, int succeeded, int failed, int retries, int hedges) {
    }

    /**
     * A chunk that gave no result. For a source job, {@code offset} and {@code length} are bytes of the object; for
     * inline values, the index of the first value and the number of values.
     */
    public record FailedChunk(int index, long offset, long length, ChunkError error) {
    }

    /** Why a chunk failed: the code and message of the last error it met. */
    public record ChunkError(String code, String message) {
    }
}
