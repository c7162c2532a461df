package dev.cumulus.aggregate.run;

import java.util.List;
import java.util.Map;

import dev.cumulus.aggregate.AggregateResult.ChunkError;
import dev.cumulus.aggregate.AggregateResult.ChunkStats;
import dev.cumulus.core.number.ExactSum;

/**
 * How a job ended: the merged sum of the chunks that succeeded, the stats, and every failed chunk by index.
 * {@code failedFast} when more chunks failed than tolerated, {@code deadlinePassed} when time ran out first;
 * {@code objectSums}: the sum of each object, for a job over several objects, else {@code null}.
 */
public record JobOutcome(ExactSum sum, ChunkStats stats, Map<Integer, ChunkError> failures, boolean failedFast,
        boolean deadlinePassed, List<ExactSum> objectSums) {

    /** The outcome of a job that reads one object, or inline values. */
    public JobOutcome(ExactSum sum, ChunkStats stats, Map<Integer, ChunkError> failures, boolean failedFast,
            boolean deadlinePassed) {
        this(sum, stats, failures, failedFast, deadlinePassed, null);
    }

    /** Whether the job gives a result ({@code SUCCEEDED} or {@code PARTIAL}) rather than an error. */
    public boolean acceptable(int toleratedFailures) {
        return failures.size() <= toleratedFailures;
    }
}
