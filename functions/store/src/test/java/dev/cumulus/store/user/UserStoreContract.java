package dev.cumulus.store.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.cumulus.core.error.UsernameTakenException;
import dev.cumulus.store.StoreUnavailableException;
import dev.cumulus.store.testing.Concurrently;
import dev.cumulus.store.testing.Concurrently.Outcome;

/**
 * What every {@link UserStore} guarantees, run against a real engine by each implementation's test. Subclasses start
 * the engine once per class (instance lifecycle per class, so {@code @BeforeAll} methods need not be static); the
 * cases use names of their own, so they share one store. An app can run the same cases against the store its wiring
 * produces by extending this class (it is in the store's test-jar).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class UserStoreContract {

    private static final AtomicInteger NAMES = new AtomicInteger();
    // whole milliseconds, which every store keeps exactly (JDBC keeps microseconds, DynamoDB the full text)
    protected static final Instant CREATED_AT = Instant.parse("2025-03-04T05:06:07.891Z");
    protected static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA";
    protected static final Instant NOW = CREATED_AT.plusSeconds(3600);
    protected static final int THRESHOLD = 5;
    /** Five failures lock for a minute, each further one for a minute more. */
    protected static final LockRule RULE = failures -> failures < THRESHOLD
            ? Optional.empty()
            : Optional.of(Duration.ofMinutes(failures - THRESHOLD + 1L));

    /** The store under test, over a working engine that has the schema or table. */
    protected abstract UserStore store();

    /** A store of the same kind whose engine cannot be reached. */
    protected abstract UserStore unreachableStore();

    @Test
    void create_thenFind_returnsTheStoredAccount() {
        // given
        NewUser user = newUser(uniqueName("alice"), "alice@example.com");

        // when
        StoredUser created = store().create(user);

        // then
        assertThat(created).isEqualTo(new StoredUser(user.id(), user.username(), "alice@example.com", HASH,
                CREATED_AT, 0, null));
        assertThat(store().find(user.username())).contains(created);
    }

    @Test
    void create_withoutEmail_storesNone() {
        NewUser user = newUser(uniqueName("bob"), null);

        store().create(user);

        assertThat(store().find(user.username())).map(StoredUser::email).isEmpty();
    }

    @Test
    void create_nameTakenInAnotherSpelling_isTakenOnceNormalised() {
        // given
        String base = uniqueName("carol");
        store().create(newUser(Usernames.normalise("  " + base.toUpperCase() + " "), null));

        // when / then
        assertThatThrownBy(() -> store().create(newUser(Usernames.normalise(base), null)))
                .isInstanceOf(UsernameTakenException.class);
    }

    @Test
    void create_duplicate_throwsUsernameTakenAndKeepsTheFirst() {
        // given
        String name = uniqueName("dave");
        StoredUser first = store().create(newUser(name, "first@example.com"));

        // when / then
        assertThatThrownBy(() -> store().create(newUser(name, "second@example.com")))
                .isInstanceOf(UsernameTakenException.class);
        assertThat(store().find(name)).contains(first);
    }

    @Test
    void create_twentyAtOnceUnderOneName_exactlyOneWins() throws Exception {
        // given
        String name = uniqueName("erin");
        List<NewUser> candidates = IntStream.range(0, 20).mapToObj(i -> newUser(name, "erin" + i + "@example.com"))
                .toList();

        // when
        List<Outcome<StoredUser>> outcomes = Concurrently.run(candidates.stream()
                .<Callable<StoredUser>>map(candidate -> () -> store().create(candidate)).toList());

        // then
        List<StoredUser> winners = outcomes.stream().filter(Outcome::succeeded).map(Outcome::value).toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Outcome::failure))
                .hasSize(19).allMatch(UsernameTakenException.class::isInstance);
        // the stored account is the winner's, not overwritten by a loser
        assertThat(store().find(name)).contains(winners.get(0));
    }

    @Test
    void beginLogin_countsEachAttemptAndReturnsTheAccountAsWritten() {
        // given
        StoredUser created = store().create(newUser(uniqueName("frank"), null));

        // when
        List<LoginAttempt> attempts = IntStream.range(0, 3)
                .mapToObj(i -> store().beginLogin(created.username(), NOW, RULE)).toList();

        // then
        assertThat(attempts).extracting(LoginAttempt::status).containsOnly(LoginAttempt.Status.ADMITTED);
        assertThat(attempts).extracting(a -> a.user().failedLogins()).containsExactly(1, 2, 3);
        assertThat(attempts.get(2).user().passwordHash()).isEqualTo(HASH);
        assertThat(store().find(created.username())).map(StoredUser::failedLogins).contains(3);
    }

    @Test
    void beginLogin_attemptThatReachesTheThreshold_admittedAndLocksInTheSameWrite() {
        // given: four failures, one short of the rule's threshold of five
        String name = store().create(newUser(uniqueName("grace"), null)).username();
        for (int i = 0; i < THRESHOLD - 1; i++) {
            store().beginLogin(name, NOW, RULE);
        }

        // when
        LoginAttempt fifth = store().beginLogin(name, NOW, RULE);

        // then: its password may still be checked, but the lock already stands for everyone else
        assertThat(fifth.status()).isEqualTo(LoginAttempt.Status.ADMITTED);
        assertThat(fifth.user().lockedUntil()).isEqualTo(NOW.plusSeconds(60));
        assertThat(store().find(name)).map(StoredUser::lockedUntil).contains(NOW.plusSeconds(60));
    }

    @Test
    void beginLogin_whileLocked_refusedAndNothingCounted() {
        // given
        String name = lockedAccount("heidi");

        // when: one microsecond before the lock ends
        LoginAttempt attempt = store().beginLogin(name, NOW.plusSeconds(60).minusNanos(1000), RULE);

        // then
        assertThat(attempt.status()).isEqualTo(LoginAttempt.Status.LOCKED);
        StoredUser stored = store().find(name).orElseThrow();
        assertThat(stored.failedLogins()).isEqualTo(THRESHOLD);
        assertThat(stored.lockedUntil()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void beginLogin_afterTheLockEnds_admittedCountedAndLockedLonger() {
        // given
        String name = lockedAccount("ivy");
        Instant later = NOW.plusSeconds(60);

        // when
        LoginAttempt attempt = store().beginLogin(name, later, RULE);

        // then: the rule gives the sixth failure two minutes
        assertThat(attempt.status()).isEqualTo(LoginAttempt.Status.ADMITTED);
        assertThat(store().find(name)).map(StoredUser::failedLogins).contains(THRESHOLD + 1);
        assertThat(store().find(name)).map(StoredUser::lockedUntil).contains(later.plusSeconds(120));
    }

    @Test
    void beginLogin_fortyAtOnce_thresholdAdmittedAndTheRestLockedOut() throws Exception {
        // given
        String name = store().create(newUser(uniqueName("jack"), null)).username();

        // when
        List<Outcome<LoginAttempt>> outcomes = Concurrently.run(IntStream.range(0, 40)
                .<Callable<LoginAttempt>>mapToObj(i -> () -> store().beginLogin(name, NOW, RULE)).toList());

        // then: the attempts were counted one by one up to the lock, and every later one saw the lock
        assertThat(outcomes).allMatch(Outcome::succeeded);
        List<LoginAttempt> attempts = outcomes.stream().map(Outcome::value).toList();
        assertThat(attempts.stream().filter(a -> a.status() == LoginAttempt.Status.ADMITTED)
                .map(a -> a.user().failedLogins())).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(attempts).filteredOn(a -> a.status() == LoginAttempt.Status.LOCKED).hasSize(35);
        StoredUser stored = store().find(name).orElseThrow();
        assertThat(stored.failedLogins()).isEqualTo(THRESHOLD);
        assertThat(stored.lockedUntil()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void recordSuccess_withoutNewHash_resetsFailuresAndLockAndKeepsTheHash() {
        // given
        String name = lockedAccount("ivan");

        // when
        store().recordSuccess(name, null);

        // then
        StoredUser user = store().find(name).orElseThrow();
        assertThat(user.failedLogins()).isZero();
        assertThat(user.lockedUntil()).isNull();
        assertThat(user.passwordHash()).isEqualTo(HASH);
        assertThat(store().beginLogin(name, NOW, RULE).status()).isEqualTo(LoginAttempt.Status.ADMITTED);
    }

    @Test
    void recordSuccess_withNewHash_replacesTheHash() {
        String name = store().create(newUser(uniqueName("judy"), null)).username();
        store().beginLogin(name, NOW, RULE);
        String stronger = "$argon2id$v=19$m=47104,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$bmV3aGFzaA";

        store().recordSuccess(name, stronger);

        StoredUser user = store().find(name).orElseThrow();
        assertThat(user.passwordHash()).isEqualTo(stronger);
        assertThat(user.failedLogins()).isZero();
    }

    @Test
    void unknownUsername_isNotFoundAndUpdatesCreateNothing() {
        String name = uniqueName("nobody");

        assertThat(store().find(name)).isEmpty();
        assertThat(store().beginLogin(name, NOW, RULE)).isEqualTo(LoginAttempt.unknown());
        store().recordSuccess(name, HASH);

        assertThat(store().find(name)).isEmpty();
    }

    @Test
    void ping_reachableStore_passes() {
        store().ping();
    }

    @Test
    void ping_unreachableStore_throwsStoreUnavailable() {
        assertThatThrownBy(() -> unreachableStore().ping()).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void create_unreachableStore_throwsStoreUnavailableWithoutTheHash() {
        NewUser user = newUser(uniqueName("oscar"), "oscar@example.com");

        assertThatThrownBy(() -> unreachableStore().create(user)).isInstanceOf(StoreUnavailableException.class)
                .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(HASH)
                        .doesNotContain("oscar@example.com"));
        assertThatThrownBy(() -> unreachableStore().find(user.username()))
                .isInstanceOf(StoreUnavailableException.class);
    }

    /** An account that has just reached the threshold at {@link #NOW}: locked for a minute. */
    protected String lockedAccount(String base) {
        String name = store().create(newUser(uniqueName(base), null)).username();
        for (int i = 0; i < THRESHOLD; i++) {
            store().beginLogin(name, NOW, RULE);
        }
        return name;
    }

    /** A name no other case uses, so the cases can share one store. */
    protected static String uniqueName(String base) {
        return base + "-" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static NewUser newUser(String username, String email) {
        return new NewUser(UUID.randomUUID(), username, email, HASH, CREATED_AT);
    }
}
