package dev.cumulus.store.user;

import java.time.Instant;
import java.util.Optional;

/**
 * The accounts a deployment knows, keyed by normalised username (see {@link Usernames#normalise}). Every
 * implementation enforces the uniqueness of that name itself, so two concurrent {@link #create} calls for one name
 * give one account and one {@link dev.cumulus.core.error.UsernameTakenException}. When the engine cannot be reached or
 * fails, a method throws the unchecked {@link dev.cumulus.store.StoreUnavailableException}, whose message carries no
 * stored value.
 */
public interface UserStore {

    /**
     * Stores a new account.
     *
     * @throws dev.cumulus.core.error.UsernameTakenException when the normalised username is already taken
     */
    StoredUser create(NewUser user);

    /** The account with this normalised username, if there is one. */
    Optional<StoredUser> find(String username);

    /**
     * Starts a login attempt, atomically and before any password is checked: an unknown username gives
     * {@link LoginAttempt.Status#UNKNOWN} and changes nothing; an account locked at {@code now} gives
     * {@link LoginAttempt.Status#LOCKED} and changes nothing; otherwise the attempt is counted as one more consecutive
     * failure, the lock that count earns under {@code rule} (from {@code now}) is set in the same write, and the
     * answer is {@link LoginAttempt.Status#ADMITTED} with the account as written. Concurrent attempts are each counted
     * once, so once one of them has earned a lock all later ones are refused as locked.
     */
    LoginAttempt beginLogin(String username, Instant now, LockRule rule);

    /**
     * A successful login (after {@link #beginLogin} admitted it): resets the failure count and the lock and, when
     * {@code newPasswordHash} is not null, replaces the stored hash (a rehash with stronger parameters).
     */
    void recordSuccess(String username, String newPasswordHash);

    /** Throws when the store cannot be reached; readiness uses it. */
    void ping();
}
