package dev.cumulus.store.user;

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
     * Counts one more consecutive failed login, atomically (concurrent failures are all counted), and returns the
     * new count. Does nothing and returns 0 for an unknown username.
     */
    int recordFailure(String username);

    /** Locks the account until the given instant (a login before then fails without checking the password). */
    void lockUntil(String username, java.time.Instant until);

    /**
     * A successful login: resets the failure count and the lock and, when {@code newPasswordHash} is not null,
     * replaces the stored hash (a rehash with stronger parameters).
     */
    void recordSuccess(String username, String newPasswordHash);

    /** Throws when the store cannot be reached; readiness uses it. */
    void ping();
}
