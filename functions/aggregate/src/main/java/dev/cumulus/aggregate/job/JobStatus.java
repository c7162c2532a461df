package dev.cumulus.aggregate.job;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cumulus.aggregate.AggregateResult;
import dev.cumulus.aggregate.AggregateResult.FailedChunk;
import dev.cumulus.core.error.ErrorResponse;
import dev.cumulus.core.number.ExactSum;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How far a submitted job is: its state, its chunks by state, how much of its data is done, and once it has ended,
 * its result (or its error) and the chunks that failed.
 *
 * @param statusUrl where to ask again, over HTTP
 * @param runs 1, plus one per redrive
 * @param objects for a job over a list of sources or a prefix, the result of each object so far
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatus(String jobId, String state, Chunks chunks, Progress progress, long elapsedMs, int runs,
        Instant createdAt, Instant finishedAt, Instant expiresAt, Result result, List<FailedChunk> failed,
        ErrorResponse.Detail error, String statusUrl, List<AggregateResult.ObjectResult> objects) {

    /** Chunks by state; retries and hedges are extra calls so far. */
    @RegisterForReflection
    public record Chunks(int total, int pending, int running, int succeeded, int failed, long retries, long hedges) {
    }

    /** Bytes of the source, or inline values, summed so far out of the total. */
    @RegisterForReflection
    public record Progress(String unit, long done, long total) {
    }

    /**
     * The exact result over every chunk that succeeded; {@code skipped}, the records without a value passed over, when
     * the job's format skips them ({@code missing: skip}).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(long count, String sum, String min, String max, Long skipped) {

        public static Result of(ExactSum s, boolean skipsMissing) {
            return new Result(s.count(), s.sum().toPlainString(), s.min() == null ? null : s.min().toPlainString(),
                    s.max() == null ? null : s.max().toPlainString(), skipsMissing ? s.skipped() : null);
        }
    }

    /** What a caller learns of a job it asked another instance to run: its id and state, nothing of its data. */
    public static JobStatus brief(String jobId, String state) {
        return new JobStatus(jobId, state, null, null, 0, 0, null, null, null, null, null, null, null, null);
    }
}
