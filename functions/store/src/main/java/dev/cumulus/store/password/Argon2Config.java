package dev.cumulus.store.password;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The cost of new password hashes: {@code cumulus.password.argon2.*}. Raising it takes effect for existing accounts
 * at their next successful login, when the hash is replaced.
 */
@ConfigMapping(prefix = "cumulus.password.argon2")
public interface Argon2Config {

    /** Memory per hash, in KiB. */
    @WithDefault("19456")
    int memoryKib();

    /** Passes over that memory. */
    @WithDefault("2")
    int iterations();

    /** Lanes (threads) per hash. */
    @WithDefault("1")
    int parallelism();

    default Argon2Parameters parameters() {
        return new Argon2Parameters(memoryKib(), iterations(), parallelism());
    }
}
