package dev.cumulus.store.user;

import java.util.Objects;

/**
 * What {@link UserStore#beginLogin} decided about one login attempt. Only an {@link Status#ADMITTED} attempt may have
 * its password verified; it has already been counted as a failure, which a success then resets
 * ({@link UserStore#recordSuccess}).
 *
 * @param status what to do with the attempt
 * @param user the account as the decision saw it (after the count, for an admitted attempt); null when unknown
 */
public record LoginAttempt(Status status, StoredUser user) {

    public LoginAttempt {
        Objects.requireNonNull(status, "status");
        if ((status == Status.UNKNOWN) != (user == null)) {
            throw new IllegalArgumentException("an account goes with every status but UNKNOWN");
        }
    }

    public static LoginAttempt unknown() {
        return new LoginAttempt(Status.UNKNOWN, null);
    }

    public enum Status {
        /** No account has this username. */
        UNKNOWN,
        /** The account is locked (or too many attempts raced for it): refuse without verifying the password. */
        LOCKED,
        /** Counted: verify the password now. */
        ADMITTED
    }
}
