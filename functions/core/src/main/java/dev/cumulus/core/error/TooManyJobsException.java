package dev.cumulus.core.error;

/** Thrown when a caller submits a job while as many of their jobs as allowed are still pending or running. */
public class TooManyJobsException extends CumulusException {

    public TooManyJobsException(int limit) {
        super(ErrorCode.TOO_MANY_JOBS, "you have " + limit + " unfinished jobs, the most allowed; wait for one to end");
    }
}
