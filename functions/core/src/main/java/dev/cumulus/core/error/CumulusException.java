package dev.cumulus.core.error;

/**
 * Base of every expected failure: a rejected input or an unavailable dependency. It carries a stable
 * {@link ErrorCode}; over HTTP it becomes the status and {@code {"error":{...}}} body, on Lambda the function
 * error. Anything that is not a {@code CumulusException} is a bug and surfaces as {@link ErrorCode#INTERNAL}.
 */
public abstract class CumulusException extends RuntimeException {

    private final ErrorCode code;

    protected CumulusException(ErrorCode code, String message) {
        this(code, message, null);
    }

    protected CumulusException(ErrorCode code, String message, Throwable cause) {
        // no suppressed exceptions: these are answers, not crashes. The stack trace is still captured, so that a
        // fault wrapping one (a bug that lets it escape) logs where it came from; answers themselves are never logged
        // with it (the failure handler and the Lambda glue print code and message only)
        super(message, cause, false, true);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * {@code CODE: message}. On Lambda, Funqy wraps the exception and reports this text as {@code errorMessage}, so
     * the stable code leads the function error there too.
     */
    @Override
    public String toString() {
        return code.name() + ": " + getMessage();
    }

    /** Extra, structured detail for the error body (a field name, a position), or {@code null}. */
    public Object details() {
        return null;
    }
}
