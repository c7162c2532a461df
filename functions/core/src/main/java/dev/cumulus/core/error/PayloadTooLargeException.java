package dev.cumulus.core.error;

/** Thrown when a request exceeds a configured limit: body size, values per request, or bytes per range. */
public class PayloadTooLargeException extends CumulusException {

    public PayloadTooLargeException(String message) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, message);
    }
}
