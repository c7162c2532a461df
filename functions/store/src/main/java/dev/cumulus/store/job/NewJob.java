package dev.cumulus.store.job;

import java.time.Instant;
import java.util.Objects;

import dev.cumulus.core.request.TraceContext;

/**
 * A job to store as {@link JobState#PENDING}. {@code request} and {@code plan} are the orchestrator's own text (JSON),
 * kept as given; {@code fingerprint} is a digest of the request, which tells a resubmission of the same request from a
 * different one under the same id.
 *
 * @param chunkCount how many chunks the plan has, indices {@code 0..chunkCount-1}
 * @param deadline when the job must end, however many instances take it up
 * @param expiresAt when the store may forget the job and its chunks (its retention)
 * @param trace the W3C trace context of the request that submitted the job, which every run of it continues; null
 *        for none. A store keeps its {@code traceparent} and {@code tracestate} (at most
 *        {@value TraceContext#MAX_STATE_LENGTH} characters) and nothing else of the caller.
 */
public record NewJob(JobKey key, String fingerprint, String request, String plan, int chunkCount, Instant createdAt,
        Instant deadline, Instant expiresAt, TraceContext trace) {

    /** The largest request or plan text a store keeps (a DynamoDB item holds at most 400 KB). */
    public static final int MAX_TEXT_LENGTH = 256 * 1024;

    public NewJob {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (request.length() > MAX_TEXT_LENGTH || plan.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("a job's request and plan hold at most " + MAX_TEXT_LENGTH
                    + " characters each");
        }
        if (chunkCount < 0) {
            throw new IllegalArgumentException("chunkCount must not be negative: " + chunkCount);
        }
    }

    /** A job submitted without a trace context. */
    public NewJob(JobKey key, String fingerprint, String request, String plan, int chunkCount, Instant createdAt,
            Instant deadline, Instant expiresAt) {
        this(key, fingerprint, request, plan, chunkCount, createdAt, deadline, expiresAt, null);
    }
}
