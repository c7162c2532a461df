package dev.cumulus.register;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.log.LogFields;
import dev.cumulus.core.request.RequestLine;
import dev.cumulus.core.start.Primer;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.user.NewUser;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;

/**
 * Creates an account: checks and normalises the username, the password and the email, hashes the password with
 * Argon2id and stores the account. The store alone decides whether the name is free (a unique key), so concurrent
 * registrations of one name give one account and {@code USERNAME_TAKEN} for the others.
 */
@ApplicationScoped // the common password list loads once, on the priming thread as the app starts (Priming)
public class RegisterService implements Primer {

    private final UserStore store;
    private final PasswordHasher hasher;
    private final UsernamePolicy usernames;
    private final PasswordPolicy passwords;
    private final Clock clock;
    private final RequestLine line;

    @Inject
    RegisterService(UserStore store, PasswordHasher hasher, RegisterConfig config, Clock clock, RequestLine line) {
        this(store, hasher, new UsernamePolicy(config.username().minLength(), config.username().maxLength()),
                new PasswordPolicy(CommonPasswords.load(), config.password().minLength(),
                        config.password().maxLength()),
                clock, line);
    }

    RegisterService(UserStore store, PasswordHasher hasher, UsernamePolicy usernames, PasswordPolicy passwords,
            Clock clock, RequestLine line) {
        this.line = line;
        this.store = store;
        this.hasher = hasher;
        this.usernames = usernames;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Runs the code of a registration once, outside any request, so that it is loaded and compiled before one comes:
     * the password checks and one Argon2id hash, thrown away. Nothing is stored, counted or logged. For a snapshot of a
     * warm instance (SnapStart) and as the app starts ({@link dev.cumulus.core.start.Priming}).
     */
    @Override
    public void prime() {
        String password = UUID.randomUUID().toString();
        passwords.check(password, usernames.normalise("priming"));
        hasher.hash(password);
    }

    /** Adds the new account's id and name to the request's log line; never the password or the email address. */
    public RegisterResponse register(RegisterRequest request) {
        LogFields fields = line.open();
        try {
            return register(request, fields);
        } finally {
            line.close(fields);
        }
    }

    private RegisterResponse register(RegisterRequest request, LogFields fields) {
        if (request == null) {
            throw InvalidInputException.malformed(
                    "the request body is empty; send {\"username\":\"...\",\"password\":\"...\"}");
        }
        String username = usernames.normalise(request.username());
        passwords.check(request.password(), username);
        String email = EmailPolicy.normalise(request.email());

        // milliseconds: every store keeps at least those, so the answer equals what a later read gives
        NewUser user = new NewUser(UUID.randomUUID(), username, email, hasher.hash(request.password()),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        StoredUser stored = store.create(user);
        fields.put("userId", stored.id()).put("username", stored.username());
        return new RegisterResponse(stored.id().toString(), stored.username(), stored.createdAt().toString());
    }
}
