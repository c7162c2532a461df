package dev.cumulus.store.password;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * An Argon2id computation that records its duration in the timer {@code cumulus.password.argon2id}: one sample for
 * every password hashed or checked, register's and login's alike (a login for an unknown user checks against a dummy
 * hash and is timed too).
 */
public final class TimedKeyDerivation implements PasswordHasher.KeyDerivation {

    private final PasswordHasher.KeyDerivation derivation;
    private final Timer timer;

    private TimedKeyDerivation(PasswordHasher.KeyDerivation derivation, Timer timer) {
        this.derivation = derivation;
        this.timer = timer;
    }

    /** {@code derivation}, timed in {@code registry}. */
    public static PasswordHasher.KeyDerivation of(PasswordHasher.KeyDerivation derivation, MeterRegistry registry) {
        return new TimedKeyDerivation(Objects.requireNonNull(derivation, "derivation"),
                Timer.builder("cumulus.password.argon2id")
                        .description("Argon2id computations: a password hashed or checked")
                        .register(registry));
    }

    @Override
    public byte[] derive(byte[] password, byte[] salt, Argon2Parameters parameters, int length) {
        long began = System.nanoTime();
        try {
            return derivation.derive(password, salt, parameters, length);
        } finally {
            timer.record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
        }
    }
}
