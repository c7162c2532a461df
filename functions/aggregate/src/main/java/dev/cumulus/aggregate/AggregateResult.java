package dev.cumulus.aggregate;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The output of {@code aggregate}: the exact count, sum, least and greatest value of every chunk that succeeded, how
 * the chunks went, and each failed chunk with its object and range, so that a {@code PARTIAL} job can be completed by
 * rerunning exactly those. A job over a list of sources or a prefix also answers the result of each object.
 * {@code skipped} counts the records without a value passed over, for a format that skips them ({@code missing:
 * skip}); other answers do not have it.
 */
public record AggregateResult(String jobId, Status status, long count, String sum, String min, String max,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long skipped, ChunkStats chunks, List<FailedChunk> failed,
        long durationMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ObjectResult> objects) {

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
     * A chunk that gave no result. For a source job, {@code object} is the URL of the object it reads and
     * {@code offset} and {@code length} are bytes of it; for inline values, the index of the first value and the
     * number of values.
     */
    public record FailedChunk(int index, @JsonInclude(JsonInclude.Include.NON_NULL) String object, long offset,
            long length, ChunkError error) {

        /** A failed chunk of inline values. */
        public FailedChunk(int index, long offset, long length, ChunkError error) {
            this(index, null, offset, length, error);
        }
    }

    /** Why a chunk failed: the code and message of the last error it met. */
    public record ChunkError(String code, String message) {
    }

    /**
     * The result of one object of a job over several: its size, how it was cut ({@code ranges}, or {@code whole} for
     * a compressed object, which one chunk reads), its chunks by state, and the exact result of those that succeeded.
     * {@code failed} counts the chunks without a result once the job has ended; while it runs they are pending.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectResult(String url, long size, String split, int chunks, int succeeded, Integer failed,
            long count, String sum, String min, String max, Long skipped) {
    }
}
