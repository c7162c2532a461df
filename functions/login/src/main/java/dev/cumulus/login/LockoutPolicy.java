package dev.cumulus.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.cumulus.store.user.StoredUser;

/**
 * When an account is locked against password guessing. At {@code threshold} consecutive failures it is locked for
 * {@code firstLock}; each further failure doubles the lock, up to {@code maxLock}. With the defaults (5, 1 minute,
 * 15 minutes): the 5th failure locks for 1 minute, the 6th for 2, the 7th for 4, the 8th for 8, every later one for
 * 15. Attempts while locked are refused without being counted, so a lock does not grow while it runs; a success
 * resets the count.
 */
public final class LockoutPolicy {

    private final Clock clock;
    private final int threshold;
    private final Duration firstLock;
    private final Duration maxLock;

    public LockoutPolicy(Clock clock, int threshold, Duration firstLock, Duration maxLock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
        }
        if (firstLock.isNegative() || firstLock.isZero() || maxLock.compareTo(firstLock) < 0) {
            throw new IllegalArgumentException(
                    "locks must satisfy 0 < firstLock <= maxLock, got " + firstLock + " and " + maxLock);
        }
        this.threshold = threshold;
        this.firstLock = firstLock;
        this.maxLock = maxLock;
    }

    /** Whether the account is locked now. */
    public boolean isLocked(StoredUser user) {
        return user.lockedUntil() != null && clock.instant().isBefore(user.lockedUntil());
    }

    /** The end of the lock that this count of consecutive failures earns, if it earns one. */
    public Optional<Instant> lockAfter(int consecutiveFailures) {
        if (consecutiveFailures < threshold) {
            return Optional.empty();
        }
        return Optional.of(clock.instant().plus(lockFor(consecutiveFailures)));
    }

    /** {@code firstLock * 2^(failures - threshold)}, capped; doubling stops at the cap, so it cannot overflow. */
    Duration lockFor(int consecutiveFailures) {
        Duration lock = firstLock;
        for (int i = threshold; i < consecutiveFailures && lock.compareTo(maxLock) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(maxLock) < 0 ? lock : maxLock;
    }
}
