package dev.cumulus.login;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Brute-force protection of {@code login}: {@code cumulus.login.*}. */
@ConfigMapping(prefix = "cumulus.login")
public interface LoginConfig {

    Lockout lockout();

    interface Lockout {
        /** Consecutive failures of one account that lock it. */
        @WithDefault("5")
        int threshold();

        /** The lock at the threshold; each further failure doubles it. */
        @WithDefault("1M")
        Duration firstLock();

        /** The longest lock. */
        @WithDefault("15M")
        Duration maxLock();
    }
}
