package dev.cumulus.core.error;

/**
 * Thrown when a source object cannot be read: the host is refused, unreachable or answers with an error, or the read
 * times out ({@link ErrorCode#SOURCE_TIMEOUT}). The message gives the reason, never the query string of the URL.
 */
public class SourceUnavailableException extends CumulusException {

    public SourceUnavailableException(String message) {
        super(ErrorCode.SOURCE_UNAVAILABLE, message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(ErrorCode.SOURCE_UNAVAILABLE, message, cause);
    }

    private SourceUnavailableException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public static SourceUnavailableException timedOut(String message, Throwable cause) {
        return new SourceUnavailableException(ErrorCode.SOURCE_TIMEOUT, message, cause);
    }
}
