package dev.cumulus.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cumulus.store.user.StoredUser;

class LockoutPolicyTest {

    static final Instant START = Instant.parse("2025-01-01T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final LockoutPolicy policy = new LockoutPolicy(clock, 5, Duration.ofMinutes(1), Duration.ofMinutes(15));

    static StoredUser user(int failures, Instant lockedUntil) {
        return new StoredUser(UUID.randomUUID(), "alice", null, "$argon2id$...", START, failures, lockedUntil);
    }

    @Test
    void fewerFailuresThanTheThreshold_noLock() {
        for (int failures = 0; failures < 5; failures++) {
            assertThat(policy.lockAfter(failures)).as("after %d failures", failures).isEmpty();
        }
    }

    @Test
    void fifthFailureAndLater_lockDoublesUpToFifteenMinutes() {
        assertThat(policy.lockAfter(5)).contains(START.plus(Duration.ofMinutes(1)));
        assertThat(policy.lockAfter(6)).contains(START.plus(Duration.ofMinutes(2)));
        assertThat(policy.lockAfter(7)).contains(START.plus(Duration.ofMinutes(4)));
        assertThat(policy.lockAfter(8)).contains(START.plus(Duration.ofMinutes(8)));
        // 16 minutes would be next: the cap holds it at 15, and keeps it there however long the run of failures
        assertThat(policy.lockAfter(9)).contains(START.plus(Duration.ofMinutes(15)));
        assertThat(policy.lockAfter(10)).contains(START.plus(Duration.ofMinutes(15)));
        assertThat(policy.lockAfter(Integer.MAX_VALUE)).contains(START.plus(Duration.ofMinutes(15)));
    }

    @Test
    void lockCountsFromTheFailure_notFromTheFirstOne() {
        // given
        clock.advance(Duration.ofHours(3));

        // when / then
        assertThat(policy.lockAfter(5)).contains(START.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(1)));
    }

    @Test
    void lockedUntilInTheFuture_lockedUntilThatInstantExactly() {
        // given
        StoredUser locked = user(5, START.plus(Duration.ofMinutes(1)));

        // when / then
        assertThat(policy.isLocked(locked)).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(policy.isLocked(locked)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(policy.isLocked(locked)).isFalse();
    }

    @Test
    void noLockOrLockInThePast_notLocked() {
        assertThat(policy.isLocked(user(0, null))).isFalse();
        assertThat(policy.isLocked(user(4, null))).isFalse();
        assertThat(policy.isLocked(user(5, START.minusSeconds(1)))).isFalse();
    }

    @Test
    void wholeSequence_onAClockThatMoves() {
        // the way LoginService uses the policy: count a failure only when not locked, lock when the count says so
        int failures = 0;
        Instant lockedUntil = null;
        StringBuilder locks = new StringBuilder();
        for (int attempt = 1; attempt <= 10; attempt++) {
            StoredUser now = user(failures, lockedUntil);
            if (policy.isLocked(now)) {
                clock.advance(Duration.between(clock.instant(), lockedUntil)); // wait the lock out
                assertThat(policy.isLocked(now)).isFalse();
            }
            failures++;
            Instant failedAt = clock.instant();
            lockedUntil = policy.lockAfter(failures).orElse(lockedUntil);
            if (lockedUntil != null && lockedUntil.isAfter(failedAt)) {
                locks.append(Duration.between(failedAt, lockedUntil).toMinutes()).append(' ');
            }
        }
        assertThat(locks.toString().trim()).isEqualTo("1 2 4 8 15 15");
        assertThat(Duration.between(START, clock.instant())).isEqualTo(Duration.ofMinutes(1 + 2 + 4 + 8 + 15));
    }

    @Test
    void impossibleSettings_refusedOnEntry() {
        assertThatThrownBy(() -> new LockoutPolicy(clock, 0, Duration.ofMinutes(1), Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutPolicy(clock, 5, Duration.ZERO, Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutPolicy(clock, 5, Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
