package dev.cumulus.store.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class TimedKeyDerivationTest {

    private static final Argon2Parameters CHEAP = new Argon2Parameters(64, 1, 1);

    @Test
    void hashAndVerify_eachComputationTimed() {
        // given
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PasswordHasher hasher = new PasswordHasher(CHEAP, new SecureRandom(),
                TimedKeyDerivation.of(PasswordHasher.KeyDerivation.argon2id(), registry));

        // when
        String phc = hasher.hash("correct horse");
        boolean matches = hasher.verify("correct horse", phc);
        boolean wrong = hasher.verify("wrong horse", phc);

        // then: one hash and two checks, and the derivation still gives the real answers
        assertThat(matches).isTrue();
        assertThat(wrong).isFalse();
        Timer timer = registry.get("cumulus.password.argon2id").timer();
        assertThat(timer.count()).isEqualTo(3);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }
}
