package dev.cumulus.core.error;

/**
 * Thrown when a job is submitted under an id its owner already used for a different request, or when a job is asked
 * to do what its state does not allow (a redrive of a job that has not finished with failures).
 */
public class JobConflictException extends CumulusException {

    public JobConflictException(String message) {
        super(ErrorCode.JOB_CONFLICT, message);
    }
}
