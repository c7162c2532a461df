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

    /**
     * Whether Flyway migrates the store's datasource when the app starts, on a thread of its own while the app goes on
     * starting (instead of Quarkus' {@code quarkus.flyway.migrate-at-start}, which holds the start up).
     */
    @WithDefault("true")
    boolean migrateAtStart();

    /**
     * The longest a request waits for the migration started with the app; after it, the store is reported
     * unavailable.
     */
    @WithDefault("10S")
    Duration migrationWait();
}
