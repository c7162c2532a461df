package dev.cumulus.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cumulus.core.request.RequestLine;
import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.InvalidCredentialsException;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.store.password.Argon2Parameters;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.user.NewUser;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * Every rule of {@code login}, against a real store: subclasses run it on PostgreSQL and on DynamoDB Local, each with
 * a fresh store per class. Each test uses accounts of its own. Time is a {@link MutableClock} the tests move.
 */
abstract class LoginServiceTest {

    static final String ISSUER = "cumulus-test";
    static final String PASSWORD = "correct horse battery staple";
    static final PasswordHasher HASHER = new PasswordHasher(Argon2Parameters.DEFAULT, new SecureRandom());
    static SigningKey key;
    static String publicKeyPem;

    @TempDir
    static Path dir;

    // milliseconds, which every store keeps exactly
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    final UserStore store = store();
    // every Argon2id computation the service makes, by the salt it used: the dummy hash's, or an account's
    final Queue<String> argon2Salts = new ConcurrentLinkedQueue<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final PasswordHasher countingHasher = new PasswordHasher(Argon2Parameters.DEFAULT, new SecureRandom(),
            (password, salt, parameters, length) -> {
                argon2Salts.add(Base64.getEncoder().withoutPadding().encodeToString(salt));
                return PasswordHasher.KeyDerivation.argon2id().derive(password, salt, parameters, length);
            });
    final LoginService service = new LoginService(store, countingHasher,
            new LockoutPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(15)),
            new TokenIssuer(key, ISSUER, "cumulus", Duration.ofMinutes(15), clock), clock, RequestLine.NONE,
            new LoginMetrics(meters));

    /** The store under test, one per test class. */
    abstract UserStore store();

    @BeforeAll
    static void signingKey() throws IOException {
        key = SigningKey.generate();
        publicKeyPem = Files.writeString(dir.resolve("public.pem"), key.publicKeyPem()).toString();
    }

    /** A new account with {@link #PASSWORD}. */
    StoredUser account() {
        return account(HASHER);
    }

    StoredUser account(PasswordHasher hasher) {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return store.create(new NewUser(UUID.randomUUID(), name, null, hasher.hash(PASSWORD), clock.instant()));
    }

    LoginResponse login(String username, String password) {
        return service.login(new LoginRequest(username, password));
    }

    /** The refusal of a login: always the same code and message, whatever the reason. */
    CumulusException refusal(String username, String password) {
        InvalidCredentialsException e = catchThrowableOfType(InvalidCredentialsException.class,
                () -> login(username, password));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(e.getMessage()).isEqualTo("invalid username or password");
        assertThat(e.details()).isNull();
        return e;
    }

    StoredUser stored(StoredUser user) {
        return store.find(user.username()).orElseThrow();
    }

    // --- success ---

    @Test
    void prime_oneArgon2idComputationAgainstTheDummy_nothingCountedOrStored() {
        StoredUser alice = account();

        // when: the code of a login runs before a snapshot
        service.prime();

        // then: one computation, against no account's salt; no attempt counted on anyone, nothing metered
        assertThat(argon2Salts).hasSize(1).doesNotContain(saltOf(alice));
        assertThat(store.find(alice.username()).orElseThrow().failedLogins()).isZero();
        assertThat(meters.find("cumulus.login.attempts").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void rightPassword_tokenThatVerifiesAndNamesTheUser() throws Exception {
        // given
        StoredUser alice = account();

        // when
        LoginResponse answer = login(alice.username(), PASSWORD);

        // then
        assertThat(answer.tokenType()).isEqualTo("Bearer");
        assertThat(answer.expiresIn()).isEqualTo(900);
        JsonWebToken jwt = new DefaultJWTParser(new JWTAuthContextInfo(publicKeyPem, ISSUER))
                .parse(answer.accessToken());
        assertThat(jwt.getSubject()).isEqualTo(alice.id().toString());
        assertThat(jwt.getName()).isEqualTo(alice.username());
        assertThat((String) jwt.getClaim("preferred_username")).isEqualTo(alice.username());
        assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime()).isEqualTo(900);
        assertThat(jwt.getTokenID()).isNotBlank();
        assertThat(jwt.getAudience()).containsExactly("cumulus");
    }

    @Test
    void usernameInAnotherCaseOrWithSpaces_sameAccount() {
        StoredUser alice = account();

        assertThat(login("  " + alice.username().toUpperCase() + " ", PASSWORD).accessToken()).isNotBlank();
    }

    @Test
    void success_accountStaysWithoutFailures() {
        StoredUser alice = account();

        login(alice.username(), PASSWORD);

        assertThat(stored(alice).passwordHash()).isEqualTo(alice.passwordHash());
        assertThat(stored(alice).failedLogins()).isZero();
        assertThat(stored(alice).lockedUntil()).isNull();
    }

    @Test
    void hashOfOlderParameters_replacedAtTheNextLogin() {
        // given: an account hashed with cheaper parameters than the current ones
        PasswordHasher older = new PasswordHasher(new Argon2Parameters(8192, 1, 1), new SecureRandom());
        StoredUser alice = account(older);
        assertThat(HASHER.needsRehash(alice.passwordHash())).isTrue();

        // when
        login(alice.username(), PASSWORD);

        // then
        String rehashed = stored(alice).passwordHash();
        assertThat(rehashed).isNotEqualTo(alice.passwordHash()).contains("m=19456,t=2,p=1");
        assertThat(HASHER.needsRehash(rehashed)).isFalse();
        assertThat(HASHER.verify(PASSWORD, rehashed)).isTrue();
        assertThat(login(alice.username(), PASSWORD).accessToken()).isNotBlank();
    }

    // --- refusals: one answer for every reason ---

    @Test
    void wrongPassword_refusedAndCounted() {
        StoredUser alice = account();

        refusal(alice.username(), PASSWORD + "!");

        assertThat(stored(alice).failedLogins()).isEqualTo(1);
        assertThat(stored(alice).lockedUntil()).isNull();
    }

    @Test
    void unknownUser_refusedLikeAWrongPassword() {
        CumulusException unknown = refusal("nobody-" + UUID.randomUUID(), PASSWORD);
        CumulusException wrong = refusal(account().username(), "not the password");

        assertThat(unknown.toString()).isEqualTo(wrong.toString());
    }

    @Test
    void passwordOfAnotherCase_refused() {
        StoredUser alice = account();

        refusal(alice.username(), PASSWORD.toUpperCase());
    }

    @Test
    void missingUsernameOrPassword_400NamingTheField() {
        InvalidInputException noName = catchThrowableOfType(InvalidInputException.class,
                () -> login(null, PASSWORD));
        InvalidInputException noPassword = catchThrowableOfType(InvalidInputException.class,
                () -> login("alice", null));

        assertThat(noName.field()).isEqualTo("username");
        assertThat(noPassword.field()).isEqualTo("password");
        assertThatThrownBy(() -> service.login(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void blankUsername_400() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> login(" \t ", PASSWORD));

        assertThat(e.field()).isEqualTo("username");
    }

    @Test
    void namesNoStoreCouldHold_refusedLikeAnUnknownUser() {
        refusal("x".repeat(5000), PASSWORD);
        refusal("nul\u0000name", PASSWORD);
        refusal("broken \uD800 name", PASSWORD);
    }

    // --- lockout ---

    @Test
    void fourFailuresThenSuccess_countReset() {
        // given
        StoredUser alice = account();
        for (int i = 0; i < 4; i++) {
            refusal(alice.username(), "wrong " + i);
        }
        assertThat(stored(alice).failedLogins()).isEqualTo(4);

        // when
        login(alice.username(), PASSWORD);

        // then: the next failures start again from one
        assertThat(stored(alice).failedLogins()).isZero();
        refusal(alice.username(), "wrong again");
        assertThat(stored(alice).failedLogins()).isEqualTo(1);
        assertThat(stored(alice).lockedUntil()).isNull();
    }

    @Test
    void lockoutSequence_doublingLocksRightPasswordRefusedWhileLockedResetBySuccess() {
        // given
        StoredUser alice = account();
        Instant start = clock.instant();
        for (int i = 0; i < 4; i++) {
            refusal(alice.username(), "wrong " + i);
        }

        // when: the 5th failure locks for a minute
        refusal(alice.username(), "wrong 4");

        // then: even the right password is refused until the minute is over, and those attempts do not count
        assertThat(stored(alice).lockedUntil()).isEqualTo(start.plus(Duration.ofMinutes(1)));
        refusal(alice.username(), PASSWORD);
        clock.advance(Duration.ofSeconds(59));
        refusal(alice.username(), PASSWORD);
        assertThat(stored(alice).failedLogins()).isEqualTo(5);

        // each further failure, once the lock is over, doubles it: 2, 4, 8, then 15 minutes (the cap)
        List<Long> locks = new ArrayList<>();
        for (int failure = 6; failure <= 10; failure++) {
            clock.advance(Duration.between(clock.instant(), stored(alice).lockedUntil()));
            Instant failedAt = clock.instant();
            refusal(alice.username(), "wrong " + failure);
            locks.add(Duration.between(failedAt, stored(alice).lockedUntil()).toMinutes());
        }
        assertThat(locks).containsExactly(2L, 4L, 8L, 15L, 15L);
        assertThat(stored(alice).failedLogins()).isEqualTo(10);

        // a success after the last lock resets count and lock
        clock.advance(Duration.ofMinutes(15));
        assertThat(login(alice.username(), PASSWORD).accessToken()).isNotBlank();
        assertThat(stored(alice).failedLogins()).isZero();
        assertThat(stored(alice).lockedUntil()).isNull();
    }

    @Test
    void lockedAccount_answeredExactlyLikeAWrongPassword() {
        // given
        StoredUser alice = account();
        for (int i = 0; i < 5; i++) {
            refusal(alice.username(), "wrong " + i);
        }

        // when
        CumulusException locked = refusal(alice.username(), PASSWORD);
        CumulusException wrong = refusal(account().username(), "wrong");

        // then
        assertThat(locked.toString()).isEqualTo(wrong.toString());
    }

    // --- the same work for every refusal, and none for a locked account's password ---

    @Test
    void everyKindOfRefusal_exactlyOneArgon2Computation() {
        // given: an account to guess at and a locked one
        StoredUser open = account();
        StoredUser locked = account();
        for (int i = 0; i < 5; i++) {
            refusal(locked.username(), "wrong " + i);
        }

        // when / then
        assertThat(argon2Runs(() -> refusal("nobody-" + UUID.randomUUID(), PASSWORD))).as("unknown user").isOne();
        assertThat(argon2Runs(() -> refusal(open.username(), "not the password"))).as("wrong password").isOne();
        assertThat(argon2Runs(() -> refusal(locked.username(), PASSWORD))).as("locked").isOne();
        assertThat(argon2Runs(() -> refusal("x".repeat(5000), PASSWORD))).as("no store could hold it").isOne();
    }

    @Test
    void lockedAccount_passwordNeverVerifiedAgainstItsHash() {
        // given
        StoredUser alice = account();
        for (int i = 0; i < 5; i++) {
            refusal(alice.username(), "wrong " + i);
        }
        argon2Salts.clear();

        // when
        refusal(alice.username(), PASSWORD);
        refusal(alice.username(), "wrong 5");

        // then: both computations were against the dummy hash, and nothing was counted
        assertThat(argon2Salts).hasSize(2).doesNotContain(saltOf(alice));
        assertThat(stored(alice).failedLogins()).isEqualTo(5);
    }

    @Test
    void fortyConcurrentWrongPasswords_thenTheRightOne_refusedWithTheCountAtTheThreshold() throws Exception {
        // given
        StoredUser alice = account();
        ExecutorService threads = Executors.newFixedThreadPool(40);
        List<Future<Throwable>> guesses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 40; i++) {
                String guess = "wrong guess " + i;
                guesses.add(threads.submit(() -> {
                    go.await();
                    return catchThrowable(() -> login(alice.username(), guess));
                }));
            }

            // when: forty wrong passwords at once, then the right one
            go.countDown();
            // a deadline for all of them, not a time they must keep: 41 Argon2id hashes on a busy machine
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            for (Future<Throwable> guess : guesses) {
                assertThat(guess.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS))
                        .isInstanceOf(InvalidCredentialsException.class);
            }
        } finally {
            threads.shutdownNow();
        }
        refusal(alice.username(), PASSWORD);

        // then: five guesses were counted and checked, the fifth locked the account, the 35 others and the right
        // password met the lock and were refused after a dummy computation only
        StoredUser after = stored(alice);
        long checkedAgainstTheAccount = argon2Salts.stream().filter(saltOf(alice)::equals).count();
        System.out.printf("40 concurrent wrong logins then the right one: failedLogins=%d lockedUntil=now+%s "
                + "argon2=%d checkedAgainstTheAccount=%d%n", after.failedLogins(),
                Duration.between(clock.instant(), after.lockedUntil()), argon2Salts.size(), checkedAgainstTheAccount);
        assertThat(after.failedLogins()).isEqualTo(5);
        assertThat(after.lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(argon2Salts).hasSize(41);
        assertThat(checkedAgainstTheAccount).isEqualTo(5);
    }

    /** The Argon2id computations that the call made. */
    int argon2Runs(Runnable call) {
        int before = argon2Salts.size();
        call.run();
        return argon2Salts.size() - before;
    }

    /** The salt of an account's PHC string ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}). */
    static String saltOf(StoredUser user) {
        return user.passwordHash().split("\\$")[4];
    }
}
