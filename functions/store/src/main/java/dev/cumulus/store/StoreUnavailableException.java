package dev.cumulus.store;

/**
 * Thrown when a store cannot do what was asked for a reason other than the answer itself: the database or table is
 * unreachable, missing or failing. The message names the operation and the database's error code, never the
 * statement, a value or a password hash; the cause is kept only for connection failures, whose messages carry no
 * data. It is not a {@link dev.cumulus.core.error.CumulusException}: to a caller it is a server error (500), and the
 * failure handler logs it once.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
