package dev.cumulus.store.jdbc;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where a JDBC store keeps accounts: {@code cumulus.store.*}. */
@ConfigMapping(prefix = "cumulus.store")
public interface JdbcStoreConfig {

    /**
     * The name of the datasource to use ({@code <default>} for the unnamed one). When absent, the one active
     * datasource; the store declares a PostgreSQL and an H2 one and a profile activates one of them.
     */
    Optional<String> datasource();

    /** How long the readiness check's query may run. */
    @WithDefault("2S")
    Duration pingTimeout();
}
