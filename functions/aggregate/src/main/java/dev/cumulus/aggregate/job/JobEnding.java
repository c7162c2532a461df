package dev.cumulus.aggregate.job;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.cumulus.aggregate.AggregateResult.ChunkError;
import dev.cumulus.aggregate.AggregateResult.FailedChunk;
import dev.cumulus.aggregate.AggregateService;
import dev.cumulus.aggregate.ObjectResults;
import dev.cumulus.aggregate.plan.Chunk;
import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.run.JobOutcome;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.ErrorResponse;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.StoredJob;

/**
 * How a job ended, decided from the ledger: the result is folded from the recorded chunks alone (each once, whichever
 * run or instance recorded it), and every chunk without a record is a failed chunk, with the error its last call met.
 */
final class JobEnding {

    /** The final state and the outcome text the ledger keeps. */
    record Final(JobState state, String outcomeText) {
    }

    private final JobTexts texts;
    private final int toleratedFailures;
    private final boolean perObject;

    /** @param perObject whether the job answers the result of each object ({@link ObjectResults#wanted}) */
    JobEnding(JobTexts texts, int toleratedFailures, boolean perObject) {
        this.texts = texts;
        this.toleratedFailures = toleratedFailures;
        this.perObject = perObject;
    }

    Final of(StoredJob job, JobPlan plan, List<ChunkRecord> recorded, JobOutcome outcome, boolean cancelled) {
        ExactSum sum = ExactSum.EMPTY;
        BitSet done = new BitSet(plan.size());
        ObjectResults.Fold objects = perObject ? new ObjectResults.Fold(plan) : null;
        for (ChunkRecord r : recorded) {
            if (r.index() < plan.size() && !done.get(r.index())) {
                done.set(r.index());
                sum = sum.merge(sumOf(r));
                if (objects != null) {
                    objects.add(r.index(), sumOf(r));
                }
            }
        }
        List<FailedChunk> failed = new ArrayList<>();
        Set<Integer> missing = new HashSet<>();
        for (int i = done.nextClearBit(0); i < plan.size(); i = done.nextClearBit(i + 1)) {
            Chunk c = plan.chunks().get(i);
            ChunkError error = outcome.failures().get(i);
            if (error == null) {
                error = cancelled
                        ? new ChunkError("CANCELLED", "not summed: the job was cancelled")
                        : new ChunkError("NOT_RUN", "not called: the job had already failed");
            }
            failed.add(new FailedChunk(i, plan.objectOf(c), c.offset(), c.length(), error));
            missing.add(i);
        }
        JobStatus.Result result = JobStatus.Result.of(sum, plan.skipsMissing());
        JobState state;
        ErrorResponse.Detail error = null;
        if (cancelled) {
            state = JobState.CANCELLED;
        } else if (failed.isEmpty()) {
            state = JobState.SUCCEEDED;
        } else if (failed.size() <= toleratedFailures) {
            state = JobState.PARTIAL;
        } else {
            state = JobState.FAILED;
            ErrorCode code = AggregateService.errorCode(outcome, failed, toleratedFailures);
            error = new ErrorResponse.Detail(code.name(), failed.size() + " of " + plan.size()
                    + " chunks have no result, more than the " + toleratedFailures + " tolerated"
                    + (code == ErrorCode.DEADLINE_EXCEEDED ? "; the job's deadline passed" : ""), null);
        }
        return new Final(state, texts.outcome(new JobTexts.Outcome(result, failed, error,
                objects == null ? null : objects.results(missing))));
    }

    static ExactSum sumOf(ChunkRecord r) {
        return new ExactSum(r.count(), new BigDecimal(r.sum()), r.min() == null ? null : new BigDecimal(r.min()),
                r.max() == null ? null : new BigDecimal(r.max()), r.skipped());
    }
}
