package dev.cumulus.store.user;

import java.time.Duration;
import java.util.Optional;

/**
 * How long an account is locked once it has this many consecutive failed logins, if at all. The store applies it in
 * the same atomic write that counts an attempt (see {@link UserStore#beginLogin}).
 */
@FunctionalInterface
public interface LockRule {

    /** The lock that {@code consecutiveFailures} earn, or empty when they earn none. */
    Optional<Duration> lockFor(int consecutiveFailures);
}
