package dev.cumulus.core.start;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a function does as it starts: {@code cumulus.start.*}. */
@ConfigMapping(prefix = "cumulus.start")
public interface StartConfig {

    /**
     * Whether the app runs its {@link Primer}s once on a background thread as it starts, so that a first request
     * finds their code warm instead of paying for it (register's and login's Argon2id, login's first signature).
     * Priming before a snapshot (Lambda SnapStart, CRaC) does not depend on this.
     */
    @WithDefault("true")
    boolean prime();
}
