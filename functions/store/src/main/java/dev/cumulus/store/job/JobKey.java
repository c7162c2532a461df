package dev.cumulus.store.job;

import java.util.Objects;

/**
 * A job's identity: its owner (the subject of the caller's token) and the id the owner chose or was given. Two owners
 * may use the same job id without meeting: every lookup is by both.
 */
public record JobKey(String owner, String jobId) {

    /** The longest owner a store keeps (a token subject; a UUID is 36 characters). */
    public static final int MAX_OWNER_LENGTH = 128;
    /** The longest job id a store keeps. */
    public static final int MAX_JOB_ID_LENGTH = 64;

    public JobKey {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(jobId, "jobId");
        if (owner.isEmpty() || owner.length() > MAX_OWNER_LENGTH) {
            throw new IllegalArgumentException("an owner has 1 to " + MAX_OWNER_LENGTH + " characters");
        }
        if (jobId.isEmpty() || jobId.length() > MAX_JOB_ID_LENGTH) {
            throw new IllegalArgumentException("a job id has 1 to " + MAX_JOB_ID_LENGTH + " characters");
        }
    }
}
