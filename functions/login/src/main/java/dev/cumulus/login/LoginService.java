package dev.cumulus.login;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.cumulus.core.error.InvalidCredentialsException;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;
import dev.cumulus.store.user.Usernames;
import io.quarkus.runtime.Startup;

/**
 * Checks a username and password and issues a token. Every refusal looks the same from outside: an unknown user, a
 * wrong password and a locked account all get {@code INVALID_CREDENTIALS} after one Argon2id computation (against a
 * dummy hash when there is no account, or the account is locked) and one store write, so neither the answer nor its
 * timing tells them apart.
 */
@ApplicationScoped
@Startup // the key and the hasher's dummy hash are made once per container, before the first request
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class);

    private final UserStore store;
    private final PasswordHasher hasher;
    private final LockoutPolicy lockout;
    private final TokenIssuer tokens;

    @Inject
    LoginService(UserStore store, PasswordHasher hasher, LoginConfig config, JwtConfig jwt, SigningKey key,
            Clock clock) {
        this(store, hasher,
                new LockoutPolicy(clock, config.lockout().threshold(), config.lockout().firstLock(),
                        config.lockout().maxLock()),
                new TokenIssuer(key, jwt.issuer(), jwt.lifetime(), clock));
        // the hasher makes its dummy hash on first use: now, rather than in the first refusal, which it would slow
        hasher.verifyDummy("");
    }

    LoginService(UserStore store, PasswordHasher hasher, LockoutPolicy lockout, TokenIssuer tokens) {
        this.store = store;
        this.hasher = hasher;
        this.lockout = lockout;
        this.tokens = tokens;
    }

    public LoginResponse login(LoginRequest request) {
        if (request == null) {
            throw InvalidInputException.malformed(
                    "the request body is empty; send {\"username\":\"...\",\"password\":\"...\"}");
        }
        if (request.username() == null) {
            throw new InvalidInputException("username", "is required");
        }
        if (request.password() == null) {
            throw new InvalidInputException("password", "is required");
        }
        String username = Usernames.normalise(request.username());
        if (username.isEmpty()) {
            throw new InvalidInputException("username", "is required");
        }
        StoredUser user = couldBeAnAccount(username) ? store.find(username).orElse(null) : null;
        if (user == null) {
            hasher.verifyDummy(request.password());
            if (couldBeAnAccount(username)) {
                // counts nothing (there is no account), but costs the store round trip that a wrong password costs
                store.recordFailure(username);
            }
            // no username in this line: people type their password into the username field now and then
            LOG.info("login refused reason=unknown-user");
            throw new InvalidCredentialsException();
        }
        if (lockout.isLocked(user)) {
            hasher.verifyDummy(request.password());
            // the lock as it is, rewritten: again the round trip of a wrong password, and nothing counted
            store.lockUntil(username, user.lockedUntil());
            throw refused("locked", username);
        }
        if (!hasher.verify(request.password(), user.passwordHash())) {
            int failures = store.recordFailure(username);
            lockout.lockAfter(failures).ifPresent(until -> {
                store.lockUntil(username, until);
                LOG.infof("account locked username=%s failures=%d until=%s", username, failures, until);
            });
            throw refused("wrong-password", username);
        }
        String rehash = hasher.needsRehash(user.passwordHash()) ? hasher.hash(request.password()) : null;
        if (rehash != null || user.failedLogins() > 0 || user.lockedUntil() != null) {
            store.recordSuccess(username, rehash);
        }
        LOG.debugf("login username=%s", username);
        return tokens.issue(user);
    }

    /**
     * Whether a store could hold this name at all. Longer names, or names with control characters or broken UTF-16,
     * are no account's, and some stores refuse them as keys (an error, not an answer).
     */
    static boolean couldBeAnAccount(String username) {
        return username.length() <= Usernames.MAX_LENGTH && username.codePoints()
                .noneMatch(c -> Character.isISOControl(c)
                        || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
    }

    /** The reason goes to the log only; the caller sees one answer for all of them. */
    private static InvalidCredentialsException refused(String reason, String username) {
        LOG.infof("login refused reason=%s username=%s", reason, username);
        return new InvalidCredentialsException();
    }
}
