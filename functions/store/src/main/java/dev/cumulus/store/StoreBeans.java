package dev.cumulus.store;

import java.security.SecureRandom;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import dev.cumulus.store.password.Argon2Config;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.password.TimedKeyDerivation;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Makes the password hasher, which knows nothing of CDI, available to the function apps, with the UTC clock the
 * account services read time from. The {@code UserStore} comes from the backend module on the class path
 * ({@code cumulus-store-jdbc} or {@code cumulus-store-dynamodb}). All are default beans: a test or an app may declare
 * its own instead. Each Argon2id computation of the hasher is timed ({@link TimedKeyDerivation}) where the app has a
 * meter registry (every function does; the store modules' own tests do not).
 */
@ApplicationScoped
public class StoreBeans {

    @Produces
    @Singleton
    @DefaultBean
    PasswordHasher passwordHasher(Argon2Config config, Instance<MeterRegistry> registry) {
        PasswordHasher.KeyDerivation argon2id = PasswordHasher.KeyDerivation.argon2id();
        return new PasswordHasher(config.parameters(), new SecureRandom(),
                registry.isResolvable() ? TimedKeyDerivation.of(argon2id, registry.get()) : argon2id);
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
