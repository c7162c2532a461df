package dev.cumulus.store.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;

/**
 * The compare-and-set loop behind {@link UserStore#beginLogin}, the same for every store: read the account, decide
 * (locked, or the next count and the lock it earns), and write that decision only if the count and the lock are still
 * the ones read; when another attempt wrote in between, read again. So concurrent attempts are counted one by one, and
 * once an attempt has earned a lock every later one sees it, before any password of theirs is checked.
 */
public final class AttemptCounter {

    /**
     * A round is lost only when another attempt was counted in between, and a lock stops the counting after
     * {@code threshold} of them, so this many rounds are never needed by honest traffic; past them the attempt is
     * refused as if locked, which errs on the safe side.
     */
    static final int MAX_ROUNDS = 64;

    private AttemptCounter() {
    }

    /** One atomic conditional write of a store. */
    @FunctionalInterface
    public interface CompareAndSet {
        /**
         * Sets the count and the lock (null: none) of the account, only if it exists and its count and lock are still
         * {@code expectedFailures} and {@code expectedLock}; returns whether it did.
         */
        boolean apply(String username, int expectedFailures, Instant expectedLock, int failures, Instant lockedUntil);
    }

    public static LoginAttempt begin(String username, Instant now, LockRule rule,
            Function<String, Optional<StoredUser>> read, CompareAndSet write) {
        StoredUser user = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            user = read.apply(username).orElse(null);
            if (user == null || isLocked(user, now)) {
                // a write that cannot apply (no count is negative), so that this refusal costs the store the same
                // round trips as a counted one
                write.apply(username, -1, null, 0, null);
                return user == null ? LoginAttempt.unknown() : new LoginAttempt(LoginAttempt.Status.LOCKED, user);
            }
            int failures = user.failedLogins() == Integer.MAX_VALUE ? Integer.MAX_VALUE : user.failedLogins() + 1;
            // to the microsecond, which every store keeps exactly
            Instant lockedUntil = rule.lockFor(failures).map(lock -> now.plus(lock).truncatedTo(ChronoUnit.MICROS))
                    .orElse(null);
            if (write.apply(username, user.failedLogins(), user.lockedUntil(), failures, lockedUntil)) {
                return new LoginAttempt(LoginAttempt.Status.ADMITTED, new StoredUser(user.id(), user.username(),
                        user.email(), user.passwordHash(), user.createdAt(), failures, lockedUntil));
            }
        }
        return new LoginAttempt(LoginAttempt.Status.LOCKED, user);
    }

    private static boolean isLocked(StoredUser user, Instant now) {
        return user.lockedUntil() != null && now.isBefore(user.lockedUntil());
    }
}
