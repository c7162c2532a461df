package dev.cumulus.core.error;

/**
 * Thrown when a login fails: unknown username, wrong password or locked account. All three get this one fixed message
 * and no details, so the answer does not tell a caller which usernames exist or which accounts are locked.
 */
public class InvalidCredentialsException extends CumulusException {

    static final String MESSAGE = "invalid username or password";

    public InvalidCredentialsException() {
        super(ErrorCode.INVALID_CREDENTIALS, MESSAGE);
    }
}
