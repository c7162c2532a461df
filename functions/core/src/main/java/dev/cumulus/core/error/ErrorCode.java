package dev.cumulus.core.error;

/**
 * The stable error codes of the platform, each with the HTTP status that carries its class.
 * Clients match on the code; the message is for people and may change.
 */
public enum ErrorCode {
    INVALID_INPUT(400), INVALID_CREDENTIALS(401), INVALID_TOKEN(401), NOT_FOUND(404), METHOD_NOT_ALLOWED(
            405), USERNAME_TAKEN(409), JOB_CONFLICT(409), PAYLOAD_TOO_LARGE(413), UNSUPPORTED_MEDIA_TYPE(
                    415), INVALID_NUMBER(422), INVALID_RECORD(422), TOO_MANY_JOBS(
                            429), INTERNAL(500), SOURCE_UNAVAILABLE(
                                    502), DOWNSTREAM_FAILED(502), SOURCE_TIMEOUT(504), DEADLINE_EXCEEDED(504);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
