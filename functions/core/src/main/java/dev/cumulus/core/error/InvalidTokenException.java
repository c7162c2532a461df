package dev.cumulus.core.error;

/**
 * Thrown when a call that needs a bearer token from {@code login} has none, or one that does not verify (signature,
 * issuer, audience, expiry). The message never says which check failed.
 */
public class InvalidTokenException extends CumulusException {

    public InvalidTokenException() {
        super(ErrorCode.INVALID_TOKEN, "a valid bearer token from login is required");
    }
}
