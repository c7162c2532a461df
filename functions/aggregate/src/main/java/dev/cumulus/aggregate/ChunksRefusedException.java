package dev.cumulus.aggregate;

import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.ErrorCode;

/**
 * Thrown when a job failed because {@code sum-chunk} refused more chunks for the caller's data than the job
 * tolerates (a bad number: {@code INVALID_NUMBER}, 422): trying again can never help, so it is not a server failure.
 * The details list every failed chunk, as for {@code DOWNSTREAM_FAILED}.
 */
public class ChunksRefusedException extends CumulusException {

    private final transient Object details;

    ChunksRefusedException(ErrorCode code, String message, Object details) {
        super(code, message);
        this.details = details;
    }

    @Override
    public Object details() {
        return details;
    }
}
