package dev.cumulus.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LockoutPolicyTest {

    final LockoutPolicy policy = new LockoutPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(15));

    @Test
    void fewerFailuresThanTheThreshold_noLock() {
        for (int failures = 0; failures < 5; failures++) {
            assertThat(policy.lockFor(failures)).as("after %d failures", failures).isEmpty();
        }
    }

    @Test
    void fifthFailureAndLater_lockDoublesUpToFifteenMinutes() {
        assertThat(policy.lockFor(5)).contains(Duration.ofMinutes(1));
        assertThat(policy.lockFor(6)).contains(Duration.ofMinutes(2));
        assertThat(policy.lockFor(7)).contains(Duration.ofMinutes(4));
        assertThat(policy.lockFor(8)).contains(Duration.ofMinutes(8));
        // 16 minutes would be next: the cap holds it at 15, and keeps it there however long the run of failures
        assertThat(policy.lockFor(9)).contains(Duration.ofMinutes(15));
        assertThat(policy.lockFor(10)).contains(Duration.ofMinutes(15));
        assertThat(policy.lockFor(Integer.MAX_VALUE)).contains(Duration.ofMinutes(15));
    }

    @Test
    void impossibleSettings_refusedOnEntry() {
        assertThatThrownBy(() -> new LockoutPolicy(0, Duration.ofMinutes(1), Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutPolicy(5, Duration.ZERO, Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutPolicy(5, Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
