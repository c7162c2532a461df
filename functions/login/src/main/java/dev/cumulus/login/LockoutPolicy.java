package dev.cumulus.login;

import java.time.Duration;
import java.util.Optional;

import dev.cumulus.store.user.LockRule;

/**
 * When an account is locked against password guessing. At {@code threshold} consecutive failures it is locked for
 * {@code firstLock}; each further failure doubles the lock, up to {@code maxLock}. With the defaults (5, 1 minute,
 * 15 minutes): the 5th failure locks for 1 minute, the 6th for 2, the 7th for 4, the 8th for 8, every later one for
 * 15. The store applies the rule in the same atomic write that counts an attempt, before its password is checked;
 * attempts while locked are refused without being counted, so a lock does not grow while it runs; a success resets
 * the count.
 */
public final class LockoutPolicy implements LockRule {

    private final int threshold;
    private final Duration firstLock;
    private final Duration maxLock;

    public LockoutPolicy(int threshold, Duration firstLock, Duration maxLock) {
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

    /** {@code firstLock * 2^(failures - threshold)}, capped; doubling stops at the cap, so it cannot overflow. */
    @Override
    public Optional<Duration> lockFor(int consecutiveFailures) {
        if (consecutiveFailures < threshold) {
            return Optional.empty();
        }
        Duration lock = firstLock;
        for (int i = threshold; i < consecutiveFailures && lock.compareTo(maxLock) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return Optional.of(lock.compareTo(maxLock) < 0 ? lock : maxLock);
    }
}
