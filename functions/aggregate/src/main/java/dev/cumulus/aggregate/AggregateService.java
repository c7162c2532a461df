package dev.cumulus.aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.aggregate.AggregateResult.FailedChunk;
import dev.cumulus.aggregate.plan.Chunk;
import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.plan.JobPlanner;
import dev.cumulus.aggregate.run.CallBudget;
import dev.cumulus.aggregate.run.ChunkTrace;
import dev.cumulus.aggregate.run.Deadline;
import dev.cumulus.aggregate.run.HedgePolicy;
import dev.cumulus.aggregate.run.JobOutcome;
import dev.cumulus.aggregate.run.JobRun;
import dev.cumulus.core.chunk.ChunkLimits;
import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.DeadlineExceededException;
import dev.cumulus.core.error.DownstreamFailedException;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.log.LogFields;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.request.RequestLine;
import dev.cumulus.core.request.SafeId;
import dev.cumulus.store.job.JobState;
import io.smallrye.mutiny.Uni;

/** Checks a job, plans its chunks, runs them and turns the outcome into the answer or the error. */
@ApplicationScoped
public class AggregateService {

    /** Failed chunks named in an error's message; the details list them all. */
    private static final int NAMED_IN_MESSAGE = 5;

    private final AggregateConfig config;
    private final ChunkLimits limits;
    private final JobPlanner planner;
    private final JobRun.Engine engine;
    private final Clock clock;

    private final OwnerQuota quota;
    private final RequestLine line;

    AggregateService(AggregateConfig config, ChunkLimits limits, JobPlanner planner, JobRun.Engine engine,
            OwnerQuota quota, RequestLine line) {
        this.quota = quota;
        this.line = line;
        this.config = config;
        this.limits = limits;
        this.planner = planner;
        this.engine = engine;
        this.clock = engine.clock();
    }

    /**
     * @param incomingRequestId the id of the request being served, passed on to every call
     * @param owner who the job is for: its calls in flight count against that owner's share ({@link OwnerQuota})
     */
    public Uni<AggregateResult> aggregate(AggregateRequest request, Optional<String> incomingRequestId,
            String owner) {
        return aggregate(request, incomingRequestId, owner, ChunkTrace.Job.NONE);
    }

    /** As {@link #aggregate(AggregateRequest, Optional, String)}, tracing each chunk's calls with {@code tracing}. */
    public Uni<AggregateResult> aggregate(AggregateRequest request, Optional<String> incomingRequestId, String owner,
            ChunkTrace.Job tracing) {
        Instant began = clock.instant();
        LogFields fields = line.open();
        return Uni.createFrom().deferred(() -> {
            JobSettings s = JobSettings.check(request, config, limits, incomingRequestId);
            String requestId = incomingRequestId.orElse(s.jobId());
            // planning (a source's size) counts against the deadline too
            Deadline deadline = new Deadline(clock, began.plus(s.timeout()));
            JobPlan plan = request.values() != null
                    ? planner.planValues(s.jobId(), request.values(), s.chunkSize())
                    : planner.planSources(s.jobId(), request.sourceUrls(), s.chunkBytes(), request.format(), requestId);
            int extraCalls = CallBudget.extraCallsFor(plan.size(), config.extraCalls(), config.minExtraCalls());
            int granted = quota.take(owner, s.maxConcurrency());
            JobRun run = new JobRun(plan, new JobRun.Limits(granted, s.toleratedFailures(), extraCalls, deadline),
                    engine, hedging(plan.size()), requestId).traced(tracing);
            return run.run().onTermination().invoke(() -> quota.give(owner, granted))
                    .map(outcome -> answer(request, plan, s, outcome, began, fields));
        }).onFailure().invoke(e -> failed(request, e, fields)).onTermination().invoke(() -> line.close(fields));
    }

    /** The hedging of one job of {@code chunks} chunks, with this instance's settings. */
    public HedgePolicy hedging(int chunks) {
        return new HedgePolicy(config.hedgeDelay(), config.hedgePercentile(), config.hedgeMinSamples(),
                config.hedgeMinDelay(), HedgePolicy.budgetFor(chunks, config.hedgeBudget()));
    }

    private AggregateResult answer(AggregateRequest request, JobPlan plan, JobSettings s, JobOutcome outcome,
            Instant began, LogFields fields) {
        long durationMs = Duration.between(began, clock.instant()).toMillis();
        List<FailedChunk> failed = new ArrayList<>(outcome.failures().size());
        outcome.failures().forEach((index, error) -> {
            Chunk c = plan.chunks().get(index);
            failed.add(new FailedChunk(index, plan.objectOf(c), c.offset(), c.length(), error));
        });
        boolean ok = outcome.acceptable(s.toleratedFailures());
        String status = ok
                ? (failed.isEmpty() ? "SUCCEEDED" : "PARTIAL")
                : errorCode(outcome, failed, s.toleratedFailures()).name();
        fields.put("jobId", s.jobId()).put("jobStatus", status).put("chunks", outcome.stats().total())
                .put("succeeded", outcome.stats().succeeded()).put("failed", outcome.stats().failed())
                .put("retries", outcome.stats().retries()).put("hedges", outcome.stats().hedges());
        engine.metrics().finished(!ok ? JobState.FAILED : failed.isEmpty() ? JobState.SUCCEEDED : JobState.PARTIAL);
        if (!ok) {
            throw failure(plan, s, outcome, failed);
        }
        var sum = outcome.sum();
        return new AggregateResult(s.jobId(),
                failed.isEmpty() ? AggregateResult.Status.SUCCEEDED : AggregateResult.Status.PARTIAL, sum.count(),
                sum.sum().toPlainString(), sum.min() == null ? null : sum.min().toPlainString(),
                sum.max() == null ? null : sum.max().toPlainString(), plan.skipsMissing() ? sum.skipped() : null,
                outcome.stats(), failed, durationMs,
                ObjectResults.wanted(request, plan) ? objectResults(plan, outcome) : null);
    }

    /** Each object's result; every chunk is settled, since the job gives a result. */
    private static List<AggregateResult.ObjectResult> objectResults(JobPlan plan, JobOutcome outcome) {
        List<ExactSum> sums = outcome.objectSums() != null ? outcome.objectSums() : List.of(outcome.sum());
        int[] succeeded = new int[plan.objects().size()];
        for (Chunk c : plan.chunks()) {
            if (!outcome.failures().containsKey(c.index())) {
                succeeded[c.object()]++;
            }
        }
        return ObjectResults.of(plan, sums, succeeded, outcome.failures().keySet());
    }

    /**
     * The error of a failed job. When the chunks refused for the caller's data (a 4xx of {@code sum-chunk}, such as
     * {@code INVALID_NUMBER}) are alone more than tolerated, no retry can ever succeed: the job is refused with the
     * code of the first of them (422 for a bad number). Otherwise some failures may pass, and the job failed
     * downstream: {@code DEADLINE_EXCEEDED} (504) when time ran out, else {@code DOWNSTREAM_FAILED} (502).
     */
    public static ErrorCode errorCode(JobOutcome outcome, List<FailedChunk> failed, int tolerated) {
        List<ErrorCode> refused = failed.stream().map(f -> callersFault(f.error().code())).flatMap(Optional::stream)
                .toList();
        if (refused.size() > tolerated) {
            return refused.get(0);
        }
        boolean late = outcome.deadlinePassed() || outcome.failures().values().stream()
                .anyMatch(e -> ErrorCode.DEADLINE_EXCEEDED.name().equals(e.code()));
        return late ? ErrorCode.DEADLINE_EXCEEDED : ErrorCode.DOWNSTREAM_FAILED;
    }

    /** The code of a chunk refused for the caller's data (a 4xx), if it was. */
    private static Optional<ErrorCode> callersFault(String code) {
        try {
            ErrorCode c = ErrorCode.valueOf(code);
            return c.status() >= 400 && c.status() < 500 ? Optional.of(c) : Optional.empty();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty(); // not one of ours, such as CANCELLED
        }
    }

    private CumulusException failure(JobPlan plan, JobSettings s, JobOutcome outcome, List<FailedChunk> failed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jobId", s.jobId());
        details.put("chunks", outcome.stats());
        details.put("failed", failed);
        String named = failed.stream().limit(NAMED_IN_MESSAGE).map(f -> f.index() + " (" + f.error().code() + ")")
                .collect(Collectors.joining(", ")) + (failed.size() > NAMED_IN_MESSAGE ? ", ..." : "");
        String message = failed.size() + " of " + plan.size() + " chunks failed, more than the "
                + s.toleratedFailures() + " tolerated: " + named;
        ErrorCode code = errorCode(outcome, failed, s.toleratedFailures());
        if (code.status() < 500) {
            return new ChunksRefusedException(code, message, details);
        }
        if (code == ErrorCode.DEADLINE_EXCEEDED) {
            return new DeadlineExceededException("the job's deadline of " + s.timeout().toMillis() + " ms passed; "
                    + message, details);
        }
        return new DownstreamFailedException(message, details);
    }

    /** Adds why the job failed to the request's line (whose status tells a refusal from a fault). */
    private static void failed(AggregateRequest request, Throwable e, LogFields fields) {
        if (fields.get("jobId") == null && request != null && SafeId.isSafe(request.jobId())) {
            fields.put("jobId", request.jobId());
        }
        fields.put("error", e instanceof CumulusException c ? c.code().name() : e.getClass().getSimpleName());
    }
}
