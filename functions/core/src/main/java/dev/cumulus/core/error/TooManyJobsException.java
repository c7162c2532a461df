package dev.cumulus.core.error;

/**
 * Thrown when a caller starts a job while as many of their jobs as allowed are pending or running, or while their
 * jobs hold as many calls in flight as one caller may.
 */
public class TooManyJobsException extends CumulusException {

    public TooManyJobsException(int limit) {
        this("you have " + limit + " unfinished jobs, the most allowed; wait for one to end");
    }

    public TooManyJobsException(String message) {
        super(ErrorCode.TOO_MANY_JOBS, message);
    }
}
