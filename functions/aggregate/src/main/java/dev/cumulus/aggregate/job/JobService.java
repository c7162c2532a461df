package dev.cumulus.aggregate.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.AggregateConfig;
import dev.cumulus.aggregate.AggregateRequest;
import dev.cumulus.aggregate.AggregateResult;
import dev.cumulus.aggregate.AggregateService;
import dev.cumulus.aggregate.JobSettings;
import dev.cumulus.aggregate.ObjectResults;
import dev.cumulus.aggregate.OwnerQuota;
import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.plan.JobPlanner;
import dev.cumulus.aggregate.plan.PlannedObject;
import dev.cumulus.aggregate.run.CallBudget;
import dev.cumulus.aggregate.run.Deadline;
import dev.cumulus.aggregate.run.JobOutcome;
import dev.cumulus.aggregate.run.JobRun;
import dev.cumulus.aggregate.trace.JobRunSpan;
import dev.cumulus.core.chunk.ChunkLimits;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.JobConflictException;
import dev.cumulus.core.error.JobNotFoundException;
import dev.cumulus.core.error.TooManyJobsException;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.request.TraceContext;
import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.job.StoredJob;
import dev.cumulus.tracing.Tracing;
import io.smallrye.mutiny.Uni;

/**
 * Submitted jobs: kept in the job ledger at once, run on their own by whichever instance holds their lease, asked
 * about, cancelled and redriven by their owner. Every question is answered from the ledger, so any instance answers
 * for any job; a job whose instance is gone (its lease passed) is taken up again when its owner next asks about it,
 * or by the next event or invocation that the driver sends. A job keeps the trace context of the request that
 * submitted it, and each run continues that trace ({@link JobRunSpan}).
 */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);

    private final AggregateConfig config;
    private final AggregateConfig.Jobs jobs;
    private final ChunkLimits limits;
    private final JobPlanner planner;
    private final JobRun.Engine engine;
    private final AggregateService aggregates;
    private final JobStore store;
    private final JobTexts texts;
    private final JobStarter starter;
    private final Clock clock;
    private final Executor workers;
    private final String instance = UUID.randomUUID().toString();
    private final Map<JobKey, DurableRun> running = new ConcurrentHashMap<>();
    /** When this instance last deleted the jobs past their retention. */
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastPurge = new java.util.concurrent.atomic.AtomicReference<>(
            Instant.EPOCH);

    private final OwnerQuota quota;
    private final Tracing tracing;

    JobService(AggregateConfig config, ChunkLimits limits, JobPlanner planner, JobRun.Engine engine,
            AggregateService aggregates, JobStore store, ObjectMapper mapper, JobStarter starter, OwnerQuota quota,
            Tracing tracing) {
        this.quota = quota;
        this.tracing = tracing;
        this.config = config;
        this.jobs = config.jobs();
        this.limits = limits;
        this.planner = planner;
        this.engine = engine;
        this.aggregates = aggregates;
        this.store = store;
        this.texts = new JobTexts(mapper);
        this.starter = starter;
        this.clock = engine.clock();
        this.workers = engine.workers();
    }

    /**
     * Does what {@code request.action()} asks, for {@code owner}, off the calling thread (the ledger blocks).
     *
     * @param trace the trace context of the request being served, as its own calls would send it on: a submitted job
     *        keeps it (its runs continue that trace), a run links to it
     */
    public Uni<JobStatus> act(JobAction action, AggregateRequest request, String owner, Optional<String> requestId,
            Optional<TraceContext> trace) {
        if (request.owner() != null && action != JobAction.RUN) {
            throw new InvalidInputException("owner", "is set by the platform, only for the run action");
        }
        if (action == JobAction.RUN) {
            if (request.owner() == null || request.jobId() == null) {
                throw new InvalidInputException(null, "the run action names the job's owner and jobId");
            }
            return run(new JobKey(request.owner(), request.jobId()), trace);
        }
        return Uni.createFrom().item(() -> switch (action) {
            case SUBMIT -> submit(request, owner, requestId, trace);
            case STATUS -> status(owner, jobIdOf(request));
            case CANCEL -> cancel(owner, jobIdOf(request));
            case REDRIVE -> redrive(owner, jobIdOf(request));
            case RUN -> throw new IllegalStateException("handled above");
        }).runSubscriptionOn(workers);
    }

    private static String jobIdOf(AggregateRequest r) {
        if (r.jobId() == null) {
            throw new InvalidInputException("jobId", "names the job to ask about");
        }
        if (r.values() != null || r.source() != null) {
            throw new InvalidInputException(null, "only submit takes values or a source");
        }
        return r.jobId();
    }

    /**
     * Keeps a new job, with {@code trace}, and starts it; the same request under a job id its owner used before gives
     * that job again, another request under it a conflict.
     */
    public JobStatus submit(AggregateRequest request, String owner, Optional<String> requestId,
            Optional<TraceContext> trace) {
        Instant now = now();
        JobSettings s = JobSettings.check(request, config, limits, Optional.empty(), jobs.timeout(),
                jobs.maxTimeout());
        JobKey key = new JobKey(owner, s.jobId());
        String text = texts.request(request.asJob(s.jobId()));
        String fingerprint = JobTexts.fingerprint(text);
        Optional<StoredJob> existing = store.find(key, now);
        if (existing.isPresent()) {
            return same(existing.get(), fingerprint, now);
        }
        purgeNowAndThen(now);
        if (store.countUnfinished(owner, now) >= jobs.maxUnfinishedPerOwner()) {
            throw new TooManyJobsException(jobs.maxUnfinishedPerOwner());
        }
        JobPlan plan = request.values() != null
                ? planner.planValues(s.jobId(), request.values(), s.chunkSize())
                : planner.planSources(s.jobId(), request.sourceUrls(), s.chunkBytes(), request.format(),
                        requestId.orElse(s.jobId()));
        JobTexts.Plan kept = plan.isSource()
                ? new JobTexts.Plan(JobTexts.Plan.OBJECTS, plan.totalLength(), s.chunkBytes(), plan.objects())
                : new JobTexts.Plan(JobTexts.Plan.VALUES, request.values().size(), s.chunkSize(), null);
        StoredJob stored = store.submit(new NewJob(key, fingerprint, text, texts.plan(kept), plan.size(), now,
                now.plus(s.timeout()), now.plus(s.timeout()).plus(jobs.retention()), trace.orElse(null)), now);
        if (!stored.createdAt().equals(now) || stored.runs() != 1 || stored.state() != JobState.PENDING) {
            return same(stored, fingerprint, now); // another submission of the same id came first
        }
        LOG.infof("job %s submitted: %d chunks, deadline %s", s.jobId(), plan.size(), stored.deadline());
        starter.start(key, this);
        return status(stored, now);
    }

    private JobStatus same(StoredJob job, String fingerprint, Instant now) {
        if (!job.fingerprint().equals(fingerprint)) {
            throw new JobConflictException("job '" + job.key().jobId()
                    + "' exists with a different request; choose another jobId, or resubmit the same request");
        }
        return status(job, now);
    }

    public JobStatus status(String owner, String jobId) {
        Instant now = now();
        StoredJob job = find(owner, jobId, now);
        if (!job.state().isFinal() && !job.leased(now) && !running.containsKey(job.key())
                && job.createdAt().plus(jobs.lease()).isBefore(now)) {
            // no instance holds it: its instance is gone, or its start was lost; take it up again
            LOG.infof("job %s has no live instance; taking it up again", jobId);
            starter.start(job.key(), this);
        }
        return status(job, now);
    }

    public JobStatus cancel(String owner, String jobId) {
        Instant now = now();
        JobKey key = find(owner, jobId, now).key();
        StoredJob job = store.cancel(key, now).orElseThrow(() -> new JobNotFoundException(jobId));
        DurableRun here = running.get(key);
        if (here != null) {
            here.cancel();
        }
        return status(job, now);
    }

    public JobStatus redrive(String owner, String jobId) {
        Instant now = now();
        StoredJob job = find(owner, jobId, now);
        if (!job.state().isRedrivable()) {
            throw new JobConflictException("job '" + jobId + "' is " + job.state()
                    + "; only a PARTIAL or FAILED job can be redriven");
        }
        AggregateRequest request = texts.request(job.request());
        Duration timeout = request.timeoutMs() != null ? Duration.ofMillis(request.timeoutMs()) : jobs.timeout();
        StoredJob redriven = store.redrive(job.key(), now, now.plus(timeout), now.plus(timeout).plus(jobs.retention()))
                .orElseThrow(() -> new JobNotFoundException(jobId));
        if (redriven.state() != JobState.PENDING) {
            throw new JobConflictException("job '" + jobId + "' is " + redriven.state()
                    + "; only a PARTIAL or FAILED job can be redriven");
        }
        LOG.infof("job %s redriven (run %d)", jobId, redriven.runs());
        starter.start(job.key(), this);
        return status(redriven, now);
    }

    /** As {@link #run(JobKey, Optional)}, asked for by no request (in this instance). */
    public Uni<JobStatus> run(JobKey key) {
        return run(key, Optional.empty());
    }

    /**
     * Takes the job up, if no other instance holds it, and runs it until it ends or its slice of time is up, in a span
     * that continues the trace the job was submitted with ({@link JobRunSpan}). Answers only the job's id and state:
     * whoever asks for a run learns nothing of its data.
     *
     * @param asker the trace context of the request that asked for the run, if any: a link of the run's span
     */
    public Uni<JobStatus> run(JobKey key, Optional<TraceContext> asker) {
        return Uni.createFrom().item(() -> claim(key, asker)).runSubscriptionOn(workers).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(() -> store.find(key, now())
                        .map(j -> JobStatus.brief(key.jobId(), j.state().name()))
                        .orElseThrow(() -> new JobNotFoundException(key.jobId())));
            }
            DurableRun run = claimed.get().run();
            running.put(key, run);
            return claimed.get().span().around(run.run())
                    .onTermination().invoke(() -> {
                        running.remove(key, run);
                        quota.give(key.owner(), run.granted());
                    })
                    .map(ended -> {
                        if (ended == DurableRun.Ended.HANDED_ON) {
                            starter.start(key, this);
                        }
                        return JobStatus.brief(key.jobId(),
                                ended == DurableRun.Ended.HANDED_ON ? JobState.RUNNING.name() : ended.name());
                    });
        });
    }

    /** A run this instance has claimed, and its span. */
    private record Claimed(DurableRun run, JobRunSpan span) {
    }

    private Optional<Claimed> claim(JobKey key, Optional<TraceContext> asker) {
        Instant now = now();
        String holder = instance + "/" + UUID.randomUUID();
        Optional<StoredJob> claimed = store.claim(key, holder, now, now.plus(jobs.lease()));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        StoredJob job = claimed.get();
        AggregateRequest request = texts.request(job.request());
        JobSettings s = JobSettings.check(request, config, limits, Optional.empty(), jobs.timeout(),
                jobs.maxTimeout());
        JobPlan plan = plan(job, request, s);
        int extraCalls = CallBudget.extraCallsFor(plan.size(), config.extraCalls(), config.minExtraCalls());
        int granted;
        try {
            granted = quota.take(key.owner(), s.maxConcurrency());
        } catch (TooManyJobsException e) {
            // the owner's other jobs hold every call it may have here: let the lease go, a later run takes the job
            store.renew(key, holder, now, job.retries(), job.hedges());
            return Optional.empty();
        }
        JobRunSpan span = JobRunSpan.start(tracing, key.jobId(), job.runs(), Optional.ofNullable(job.trace()), asker);
        JobRun run = new JobRun(plan, new JobRun.Limits(granted, s.toleratedFailures(), extraCalls,
                new Deadline(clock, job.deadline())), engine, aggregates.hedging(plan.size()), key.jobId())
                .traced(span);
        return Optional.of(new Claimed(new DurableRun(store, job, plan, run, ending(request, plan, s),
                new DurableRun.Timing(jobs.lease(), jobs.heartbeat(), jobs.slice(), jobs.recordBatch(),
                        jobs.recordInterval()),
                engine.scheduler(), workers, clock, holder, engine.metrics()).granted(granted), span));
    }

    /** The chunks of a job, as planned when it was submitted: no source is asked again. */
    private JobPlan plan(StoredJob job, AggregateRequest request, JobSettings s) {
        return plan(texts.plan(job.plan()), request, s.jobId());
    }

    private JobPlan plan(JobTexts.Plan kept, AggregateRequest request, String jobId) {
        return switch (kept.kind()) {
            case JobTexts.Plan.OBJECTS -> planner.planObjects(jobId, kept.objects(), kept.unit(), request.format());
            case JobTexts.Plan.SOURCE -> planner.planObjects(jobId,
                    List.of(new PlannedObject(request.source().url().trim(), kept.size(), false)), kept.unit(), null);
            default -> planner.planValues(jobId, request.values(), (int) kept.unit());
        };
    }

    private JobEnding ending(AggregateRequest request, JobPlan plan, JobSettings s) {
        return new JobEnding(texts, s.toleratedFailures(), ObjectResults.wanted(request, plan));
    }

    /**
     * Deletes the jobs past their retention, at most once a minute (or a retention, if shorter) and only while a
     * submission is served: no
     * background thread keeps an idle instance busy. (A ledger on DynamoDB leaves it to the table's time to live.)
     */
    private void purgeNowAndThen(Instant now) {
        Instant last = lastPurge.get();
        Duration every = jobs.retention().compareTo(Duration.ofMinutes(1)) < 0
                ? jobs.retention()
                : Duration.ofMinutes(1);
        if (!last.plus(every).isAfter(now) && lastPurge.compareAndSet(last, now)) {
            int purged = store.purgeExpired(now);
            if (purged > 0) {
                LOG.infof("deleted %d jobs past their retention", purged);
            }
        }
    }

    /** Now, to the microsecond the ledgers keep: a job read back then compares equal to the one written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private StoredJob find(String owner, String jobId, Instant now) {
        if (jobId.length() > JobKey.MAX_JOB_ID_LENGTH) {
            throw new JobNotFoundException(jobId.substring(0, 16) + "...");
        }
        return store.find(new JobKey(owner, jobId), now).orElseThrow(() -> new JobNotFoundException(jobId));
    }

    /**
     * How a job ended that was cancelled while no run held it (before its first run, or between two, as on Lambda,
     * where each run is an invocation of its own): no run wrote it, so it is folded here from the ledger, as a run
     * would have, with every chunk without a record listed as cancelled.
     */
    private String cancelledOutcome(StoredJob job) {
        AggregateRequest request = texts.request(job.request());
        JobSettings s = JobSettings.check(request, config, limits, Optional.empty(), jobs.timeout(),
                jobs.maxTimeout());
        JobPlan plan = plan(job, request, s);
        JobOutcome nothingRan = new JobOutcome(ExactSum.EMPTY,
                new AggregateResult.ChunkStats(plan.size(), 0, 0, 0, 0), Map.of(), false, false);
        return ending(request, plan, s).of(job, plan, store.chunks(job.key()), nothingRan, true).outcomeText();
    }

    private JobStatus status(StoredJob job, Instant now) {
        JobTexts.Plan kept = texts.plan(job.plan());
        String unit = kept.isSource() ? "bytes" : "values";
        int total = job.chunkCount();
        Instant end = job.finishedAt() != null && job.state().isFinal() ? job.finishedAt() : now;
        long elapsed = Duration.between(job.createdAt(), end).toMillis();
        String url = "/jobs/" + job.key().jobId();
        String outcome = job.outcome() == null && job.state() == JobState.CANCELLED
                ? cancelledOutcome(job)
                : job.outcome();
        if (job.state().isFinal() && outcome != null) {
            JobTexts.Outcome o = texts.outcome(outcome);
            long missing = o.failed().stream().mapToLong(f -> f.length()).sum();
            int failed = job.state() == JobState.CANCELLED ? 0 : o.failed().size();
            int pending = job.state() == JobState.CANCELLED ? o.failed().size() : 0;
            return new JobStatus(job.key().jobId(), job.state().name(),
                    new JobStatus.Chunks(total, pending, 0, total - o.failed().size(), failed, job.retries(),
                            job.hedges()),
                    new JobStatus.Progress(unit, kept.size() - missing, kept.size()), elapsed, job.runs(),
                    job.createdAt(), job.finishedAt(), job.expiresAt(), o.result(), o.failed(), o.error(), url,
                    o.objects());
        }
        List<ChunkRecord> recorded = store.chunks(job.key());
        boolean leased = job.state() == JobState.RUNNING && job.leased(now);
        // a job of inline values keeps them in its request: read it only when it is needed
        AggregateRequest request = leased || kept.isSource() ? texts.request(job.request()) : null;
        int succeeded = recorded.size();
        long done = recorded.stream().mapToLong(ChunkRecord::length).sum();
        int inFlight = 0;
        if (leased) {
            int concurrency = request.maxConcurrency() != null ? request.maxConcurrency() : config.maxConcurrency();
            inFlight = Math.min(concurrency, total - succeeded);
        }
        return new JobStatus(job.key().jobId(), job.state().name(),
                new JobStatus.Chunks(total, total - succeeded - inFlight, inFlight, succeeded, 0, job.retries(),
                        job.hedges()),
                new JobStatus.Progress(unit, done, kept.size()), elapsed, job.runs(), job.createdAt(), null,
                job.expiresAt(), null, null, null, url,
                kept.isSource() ? runningObjects(kept, job, request, recorded) : null);
    }

    /** The results of each object so far, for a running job that answers per object. */
    private List<AggregateResult.ObjectResult> runningObjects(JobTexts.Plan kept, StoredJob job,
            AggregateRequest request, List<ChunkRecord> recorded) {
        JobPlan plan = plan(kept, request, job.key().jobId());
        if (!ObjectResults.wanted(request, plan)) {
            return null;
        }
        ObjectResults.Fold fold = new ObjectResults.Fold(plan);
        for (ChunkRecord r : recorded) {
            if (r.index() < plan.size()) {
                fold.add(r.index(), JobEnding.sumOf(r));
            }
        }
        return fold.results(null);
    }
}
