package dev.cumulus.core.error;

/**
 * Thrown by {@code aggregate} when more chunks failed than the job tolerates: {@code sum-chunk} refused them, kept
 * failing after retries, or its circuit breaker was open. The details list every failed chunk with its range and
 * error, so the caller can rerun exactly those.
 */
public class DownstreamFailedException extends CumulusException {

    private final transient Object details;

    public DownstreamFailedException(String message, Object details) {
        super(ErrorCode.DOWNSTREAM_FAILED, message);
        this.details = details;
    }

    @Override
    public Object details() {
        return details;
    }
}
