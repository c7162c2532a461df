package dev.cumulus.login;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.cumulus.core.error.InvalidCredentialsException;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.log.LogFields;
import dev.cumulus.core.request.RequestLine;
import dev.cumulus.core.start.Primer;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.user.LoginAttempt;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;
import dev.cumulus.store.user.Usernames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Checks a username and password and issues a token. The attempt is counted in the store before the password is
 * checked, atomically ({@link UserStore#beginLogin}), so concurrent guesses cannot slip past the lock: once the
 * threshold is reached, every further attempt is refused without its password being looked at. Every refusal looks
 * the same from outside: an unknown user, a wrong password and a locked account all get {@code INVALID_CREDENTIALS}
 * after exactly one Argon2id computation (against a dummy hash when there is no account or it is locked) and the same
 * store round trips, so neither the answer nor its timing tells them apart.
 */
@ApplicationScoped
@Startup // the signing key is read once per container, before the first request
public class LoginService implements Primer {

    private final UserStore store;
    private final PasswordHasher hasher;
    private final LockoutPolicy lockout;
    private final TokenIssuer tokens;
    private final Clock clock;
    private final RequestLine line;
    private final LoginMetrics metrics;

    @Inject
    LoginService(UserStore store, PasswordHasher hasher, LoginConfig config, JwtConfig jwt, SigningKey key,
            Clock clock, RequestLine line, MeterRegistry registry) {
        this(store, hasher,
                new LockoutPolicy(config.lockout().threshold(), config.lockout().firstLock(),
                        config.lockout().maxLock()),
                new TokenIssuer(key, jwt.issuer(), jwt.audience(), jwt.lifetime(), clock), clock, line,
                new LoginMetrics(registry));
    }

    LoginService(UserStore store, PasswordHasher hasher, LockoutPolicy lockout, TokenIssuer tokens, Clock clock,
            RequestLine line, LoginMetrics metrics) {
        this.line = line;
        this.store = store;
        this.hasher = hasher;
        this.lockout = lockout;
        this.tokens = tokens;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Logs the outcome on the request's line: never the password, nor the name of an unknown user. */
    public LoginResponse login(LoginRequest request) {
        LogFields fields = line.open();
        try {
            return login(request, fields);
        } finally {
            line.close(fields);
        }
    }

    private LoginResponse login(LoginRequest request, LogFields fields) {
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
        LoginAttempt attempt = couldBeAnAccount(username)
                ? store.beginLogin(username, clock.instant(), lockout)
                : LoginAttempt.unknown();
        switch (attempt.status()) {
            case UNKNOWN -> {
                hasher.verifyDummy(request.password());
                // no username in this line: people type their password into the username field now and then
                fields.put("outcome", "refused").put("reason", "unknown-user");
                metrics.attempt(LoginMetrics.Outcome.UNKNOWN_USER);
                throw new InvalidCredentialsException();
            }
            case LOCKED -> {
                hasher.verifyDummy(request.password());
                metrics.attempt(LoginMetrics.Outcome.LOCKED);
                throw refused(fields, "locked", username);
            }
            case ADMITTED -> {
                // counted already; the lock it may have earned stands for everyone else while this hash runs
            }
        }
        StoredUser user = attempt.user();
        if (!hasher.verify(request.password(), user.passwordHash())) {
            metrics.attempt(LoginMetrics.Outcome.WRONG_PASSWORD);
            if (user.lockedUntil() != null) {
                metrics.lockedOut();
                fields.put("failures", user.failedLogins()).put("lockedUntil", user.lockedUntil());
            }
            throw refused(fields, "wrong-password", username);
        }
        String rehash = hasher.needsRehash(user.passwordHash()) ? hasher.hash(request.password()) : null;
        store.recordSuccess(username, rehash);
        metrics.attempt(LoginMetrics.Outcome.SUCCESS);
        fields.put("outcome", "success").put("username", username);
        return tokens.issue(user);
    }

    /**
     * Runs the code of a login once, outside any request, so that it is loaded and compiled before one comes: an
     * Argon2id verification against the dummy hash and a token signed for no account, both thrown away. Nothing is
     * read from or written to the store, counted or logged. For a snapshot of a warm instance (SnapStart) and as the
     * app starts ({@link dev.cumulus.core.start.Priming}).
     */
    @Override
    public void prime() {
        hasher.verifyDummy("priming");
        tokens.issue(new StoredUser(new UUID(0, 0), "priming", null, null, clock.instant(), 0, null));
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
    private static InvalidCredentialsException refused(LogFields fields, String reason, String username) {
        fields.put("outcome", "refused").put("reason", reason).put("username", username);
        return new InvalidCredentialsException();
    }
}
