package dev.cumulus.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cumulus.core.request.RequestLine;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.UsernameTakenException;
import dev.cumulus.store.password.Argon2Parameters;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;
import dev.cumulus.store.user.Usernames;

/**
 * Every rule of {@code register}, against a real store: subclasses run it on PostgreSQL and on DynamoDB Local, each
 * with a fresh store per class. Each test uses names of its own.
 */
abstract class RegisterServiceTest {

    static final String PASSWORD = "correct horse battery staple";
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00.123456Z");
    static final CommonPasswords COMMON = CommonPasswords.load();

    static final PasswordHasher HASHER = new PasswordHasher(Argon2Parameters.DEFAULT, new SecureRandom());

    final UserStore store = store();
    final RegisterService service = new RegisterService(store, HASHER, new UsernamePolicy(3, 32),
            new PasswordPolicy(COMMON, 12, 128), Clock.fixed(NOW, ZoneOffset.UTC), RequestLine.NONE);

    /** The store under test, one per test class. */
    abstract UserStore store();

    static String newName() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    RegisterResponse register(String username, String password, String email) {
        return service.register(new RegisterRequest(username, password, email));
    }

    InvalidInputException refused(String username, String password, String email) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> register(username, password, email));
        assertThat(e).as("refused").isNotNull();
        if (password != null && !password.isEmpty()) {
            assertThat(e.getMessage()).doesNotContain(password);
        }
        // only names a store can look up: PostgreSQL refuses a NUL character in a query, for one
        if (username != null && Usernames.normalise(username).matches("[!-~]+")) {
            assertThat(store.find(Usernames.normalise(username))).as("nothing stored").isEmpty();
        }
        return e;
    }

    // --- success ---

    @Test
    void prime_checksAndHashesAPassword_nothingStored() {
        // given: a hasher that counts its computations
        java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
        PasswordHasher counting = new PasswordHasher(Argon2Parameters.DEFAULT, new SecureRandom(),
                (password, salt, parameters, length) -> {
                    computed.incrementAndGet();
                    return PasswordHasher.KeyDerivation.argon2id().derive(password, salt, parameters, length);
                });
        RegisterService priming = new RegisterService(store, counting, new UsernamePolicy(3, 32),
                new PasswordPolicy(COMMON, 12, 128), Clock.fixed(NOW, ZoneOffset.UTC), RequestLine.NONE);

        // when: the code of a registration runs before a snapshot
        priming.prime();

        // then: one Argon2id hash, and no account named after it
        assertThat(computed.get()).isEqualTo(1);
        assertThat(store.find("priming")).isEmpty();
    }

    @Test
    void validRequest_accountStoredWithAnArgon2idHash() {
        // given
        String name = newName();

        // when
        RegisterResponse answer = register(name, PASSWORD, "alice@example.com");

        // then
        StoredUser stored = store.find(name).orElseThrow();
        assertThat(answer.userId()).isEqualTo(stored.id().toString());
        assertThat(answer.username()).isEqualTo(name);
        assertThat(answer.createdAt()).isEqualTo("2025-03-01T12:00:00.123Z").isEqualTo(stored.createdAt().toString());
        assertThat(stored.email()).isEqualTo("alice@example.com");
        assertThat(stored.passwordHash()).startsWith("$argon2id$").doesNotContain(PASSWORD);
        assertThat(HASHER.verify(PASSWORD, stored.passwordHash())).isTrue();
        assertThat(stored.failedLogins()).isZero();
        assertThat(stored.lockedUntil()).isNull();
    }

    @Test
    void usernameInAnotherCaseWidthOrWithSpaces_storedNormalised() {
        String name = newName();
        // the fullwidth forms of ASCII sit 0xFEE0 above it
        String fullwidth = name.toUpperCase().chars().mapToObj(c -> Character.toString(c + 0xFEE0))
                .reduce("", String::concat);

        assertThat(register("  " + fullwidth + "\t", PASSWORD, null).username()).isEqualTo(name);
        assertThat(store.find(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b_c-d", "007", "x2345678901234567890123456789012"})
    void usernameWithinTheRules_accepted(String name) {
        assertThat(register(name, PASSWORD, null).username()).isEqualTo(name);
    }

    @Test
    void passwordWithSpacesAndAnyUnicode_accepted() {
        String name = newName();

        register(name, "  Grüße aus Köln, 東京 🌧️  ", null);

        assertThat(HASHER.verify("  Grüße aus Köln, 東京 🌧️  ", store.find(name).orElseThrow().passwordHash()))
                .isTrue();
    }

    @Test
    void longestPassword_keptWhole() {
        // given: 128 characters, which differs from another only in its last one
        String name = newName();
        String password = "p".repeat(127) + "1";

        // when
        register(name, password, null);

        // then: never truncated
        String hash = store.find(name).orElseThrow().passwordHash();
        assertThat(HASHER.verify(password, hash)).isTrue();
        assertThat(HASHER.verify("p".repeat(127) + "2", hash)).isFalse();
        assertThat(HASHER.verify("p".repeat(127), hash)).isFalse();
    }

    @Test
    void emojiPassword_lengthCountedInCodePoints() {
        // 12 emoji are 24 UTF-16 chars; 11 would be 22 chars, yet too short
        assertThat(register(newName(), "🔑".repeat(12), null).userId()).isNotNull();
        assertThat(refused(newName(), "🔑".repeat(11), null).field()).isEqualTo("password");
    }

    @Test
    void noEmailOrABlankOne_storedWithout() {
        String a = newName();
        String b = newName();

        register(a, PASSWORD, null);
        register(b, PASSWORD, "   ");

        assertThat(store.find(a).orElseThrow().email()).isNull();
        assertThat(store.find(b).orElseThrow().email()).isNull();
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {"\"  Alice.Smith+tag@Example.COM \", Alice.Smith+tag@example.com",
            "user@bücher.example, user@xn--bcher-kva.example", "o'neil@mail.co.uk, o'neil@mail.co.uk"})
    void email_trimmedAndDomainLowerCased(String given, String stored) {
        String name = newName();

        register(name, PASSWORD, given);

        assertThat(store.find(name).orElseThrow().email()).isEqualTo(stored);
    }

    // --- refusals: 400 naming the field, nothing stored ---

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ab", "x23456789012345678901234567890123", "-alice", ".alice", "_alice",
            "al ice", "al@ice", "émile", "алиса", "a/b", "al\u0000ice"})
    void usernameAgainstTheRules_refusedStatingThem(String username) {
        InvalidInputException e = refused(username, PASSWORD, null);

        assertThat(e.field()).isEqualTo("username");
        assertThat(e.getMessage()).contains("3 to 32 characters").contains("letters a-z")
                .contains("starting with a letter or digit");
    }

    @Test
    void missingUsername_refused() {
        assertThat(refused(null, PASSWORD, null).field()).isEqualTo("username");
    }

    @Test
    void missingPassword_refused() {
        assertThat(refused(newName(), null, null).field()).isEqualTo("password");
    }

    @Test
    void combiningAccents_countedAsTheCharactersTheyComposeTo() {
        // given: "e" and U+0301 six times, twelve code points that NFKC (what is hashed) makes six "é"
        String sixAccentedLetters = "e\u0301".repeat(6);

        // when
        InvalidInputException e = refused(newName(), sixAccentedLetters, null);

        // then
        assertThat(e.field()).isEqualTo("password");
        assertThat(e.getMessage()).contains("at least 12");
        assertThat(register(newName(), "e\u0301".repeat(12), null).userId()).isNotNull();
    }

    @Test
    void fullwidthLetters_countedOnceEach() {
        // NFKC maps each fullwidth letter to one ASCII letter: 12 stay 12
        assertThat(register(newName(), "\uFF4B".repeat(6) + "\uFF50".repeat(6), null).userId()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"            ", "\t\t\t\t\t\t\n\n\n\n\n\n",
            "\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000",
            "\u00A0\u2003\u200B\u00A0\u2003\u200B\u00A0\u2003\u200B\u00A0\u2003\u200B"})
    void onlySpaces_refused(String password) {
        InvalidInputException e = refused(newName(), password, null);

        assertThat(e.field()).isEqualTo("password");
        assertThat(e.getMessage()).contains("must not be only spaces");
    }

    @ParameterizedTest
    @CsvSource({"11, at least 12", "129, at most 128"})
    void passwordOfTheWrongLength_refused(int length, String rule) {
        InvalidInputException e = refused(newName(), "k".repeat(length), null);

        assertThat(e.field()).isEqualTo("password");
        assertThat(e.getMessage()).contains(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1qaz2wsx3edc", "QWERTY123456", "leavemealone", " leavemealone ", "ｌｅａｖｅｍｅａｌｏｎｅ"})
    void commonPassword_refused(String password) {
        InvalidInputException e = refused(newName(), password, null);

        assertThat(e.field()).isEqualTo("password");
        assertThat(e.getMessage()).contains("common or breached");
    }

    @Test
    void commonPasswordList_hasTheThirtyThousandOfZxcvbn() {
        assertThat(COMMON.size()).isGreaterThanOrEqualTo(10_000);
        assertThat(COMMON.contains("password")).isTrue();
    }

    @Test
    void passwordContainingTheUsername_refusedIgnoringCase() {
        String name = newName();

        InvalidInputException e = refused(name, "My name is " + name.toUpperCase() + "!", null);

        assertThat(e.field()).isEqualTo("password");
        assertThat(e.getMessage()).contains("must not contain the username");
    }

    @Test
    void passwordEqualToTheUsername_refused() {
        String name = newName() + "xyz"; // 20 characters: long enough to be a password

        assertThat(refused(name, name, null).getMessage()).contains("must not contain the username");
    }

    @Test
    void passwordWithAnUnpairedSurrogate_refused() {
        assertThat(refused(newName(), "broken \uD800 text here", null).getMessage()).contains("valid Unicode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "@example.com", "alice@", "alice@example", "alice@localhost", "a b@example.com",
            "alice@exa mple.com", "alice@@example.com", "alice@example..com", "alice@-example.com",
            "alice@1.2.3.4", ".alice@example.com", "alice.@example.com", "al..ice@example.com",
            "\"alice\"@example.com", "ålice@example.com",
            "x2345678901234567890123456789012345678901234567890123456789012345@example.com"})
    void emailOfTheWrongForm_refused(String email) {
        InvalidInputException e = refused(newName(), PASSWORD, email);

        assertThat(e.field()).isEqualTo("email");
        assertThat(e.getMessage()).contains("not a valid email address");
    }

    @Test
    void nullRequest_refused() {
        assertThatThrownBy(() -> service.register(null)).isInstanceOf(InvalidInputException.class);
    }

    // --- uniqueness ---

    @Test
    void nameTaken_409AndTheFirstAccountUnchanged() {
        // given
        String name = newName();
        RegisterResponse first = register(name, PASSWORD, null);

        // when / then
        assertThatThrownBy(() -> register(" " + name.toUpperCase(), "another long password", null))
                .isInstanceOf(UsernameTakenException.class);
        StoredUser stored = store.find(name).orElseThrow();
        assertThat(stored.id().toString()).isEqualTo(first.userId());
        assertThat(HASHER.verify(PASSWORD, stored.passwordHash())).isTrue();
    }

    @Test
    void twentyConcurrentRegistrationsOfOneName_oneAccount() throws Exception {
        // given
        String name = newName();
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RegisterResponse>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String password = PASSWORD + " " + i;
            calls.add(pool.submit(() -> {
                start.await();
                return register(name, password, null);
            }));
        }

        // when
        start.countDown();
        int created = 0;
        int taken = 0;
        for (Future<RegisterResponse> call : calls) {
            try {
                call.get(2, TimeUnit.MINUTES);
                created++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(UsernameTakenException.class);
                taken++;
            }
        }
        pool.shutdown();

        // then
        assertThat(created).isEqualTo(1);
        assertThat(taken).isEqualTo(19);
        assertThat(store.find(name)).isPresent();
    }
}
