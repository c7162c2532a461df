package dev.cumulus.core.error;

/**
 * Thrown by {@code aggregate} when the job's deadline ({@code timeoutMs}) passed with more chunks unfinished or failed
 * than the job tolerates. The details list those chunks with their ranges, as for {@link DownstreamFailedException}.
 */
public class DeadlineExceededException extends CumulusException {

    private final transient Object details;

    public DeadlineExceededException(String message, Object details) {
        super(ErrorCode.DEADLINE_EXCEEDED, message);
        this.details = details;
    }

    @Override
    public Object details() {
        return details;
    }
}
