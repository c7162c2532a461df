package dev.cumulus.aggregate.invoke;

import dev.cumulus.core.error.ErrorCode;

/**
 * A failed call of {@code sum-chunk}: the error code it answered with (or {@code DOWNSTREAM_FAILED} when it did not
 * answer), a message, and whether the same call may succeed later. Timeouts, 5xx, throttling and lost connections
 * may; a refused request (4xx, such as a bad number) never does.
 */
public final class InvocationFailure extends RuntimeException {

    private final String code;
    private final boolean retryable;

    private InvocationFailure(String code, String message, boolean retryable, Throwable cause) {
        // no stack trace: a failed call is an outcome, and thousands may pass through retries
        super(message, cause, false, false);
        this.code = code;
        this.retryable = retryable;
    }

    /** Failed before an answer: a timeout, a refused or lost connection, throttling. Worth another try. */
    public static InvocationFailure transientFailure(String message, Throwable cause) {
        return new InvocationFailure(ErrorCode.DOWNSTREAM_FAILED.name(), message, true, cause);
    }

    /** Answered with an error: worth another try only when it was the server's fault (5xx). */
    public static InvocationFailure answered(String code, String message, boolean retryable) {
        return new InvocationFailure(code == null ? ErrorCode.DOWNSTREAM_FAILED.name() : code, message, retryable,
                null);
    }

    /** The answer cannot be used (malformed, or for another chunk): another try would get the same. */
    public static InvocationFailure unusable(String message, Throwable cause) {
        return new InvocationFailure(ErrorCode.DOWNSTREAM_FAILED.name(), message, false, cause);
    }

    /** Not started because the job's deadline has passed. */
    public static InvocationFailure deadlinePassed() {
        return new InvocationFailure(ErrorCode.DEADLINE_EXCEEDED.name(), "the job's deadline passed", false, null);
    }

    /** Given up because another call answered for the chunk first, or the job ended. */
    public static InvocationFailure cancelled() {
        return new InvocationFailure("CANCELLED", "cancelled", false, null);
    }

    /** Whether a status of a {@code sum-chunk} answer means the call may succeed when tried again. */
    public static boolean isRetryableStatus(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** The error code {@code sum-chunk} answered with, when it is one of ours. */
    public static String knownCode(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ErrorCode.valueOf(text).name();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /**
     * Whether {@code sum-chunk} answered that the source failed ({@code SOURCE_UNAVAILABLE}, {@code SOURCE_TIMEOUT}):
     * worth another try, but the source's fault, not {@code sum-chunk}'s.
     */
    public boolean blamesTheSource() {
        return ErrorCode.SOURCE_UNAVAILABLE.name().equals(code) || ErrorCode.SOURCE_TIMEOUT.name().equals(code);
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
