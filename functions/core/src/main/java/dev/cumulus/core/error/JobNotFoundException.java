package dev.cumulus.core.error;

/**
 * Thrown when a job is asked for that the caller does not own, that never existed, or whose retention has passed. The
 * three are one answer, so that a job id tells nothing to anyone but its owner.
 */
public class JobNotFoundException extends CumulusException {

    public JobNotFoundException(String jobId) {
        super(ErrorCode.NOT_FOUND, "no job '" + jobId + "'");
    }
}
