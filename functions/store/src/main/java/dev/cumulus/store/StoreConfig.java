package dev.cumulus.store;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where accounts are kept: {@code cumulus.store.*}. */
@ConfigMapping(prefix = "cumulus.store")
public interface StoreConfig {

    enum Kind {
        /** A relational database through a Quarkus datasource: PostgreSQL, or H2 embedded in the local profile. */
        JDBC,
        /** A DynamoDB table through the Quarkus DynamoDB client ({@code quarkus.dynamodb.*}). */
        DYNAMODB
    }

    /** {@code jdbc} or {@code dynamodb}. */
    @WithDefault("jdbc")
    Kind kind();

    /**
     * For {@code jdbc}: the name of the datasource to use ({@code <default>} for the unnamed one). When absent, the one
     * active datasource; the apps declare a PostgreSQL and an H2 one and activate one of them per profile.
     */
    Optional<String> datasource();

    /** For {@code dynamodb}: the table name. */
    @WithDefault("cumulus-users")
    String table();

    /** For {@code dynamodb}: create the table at first use if it is missing (local runs and tests; not in AWS). */
    @WithDefault("false")
    boolean createTable();

    /**
     * For {@code jdbc}: how long the readiness check's query may run. DynamoDB calls follow the DynamoDB client's own
     * time-outs.
     */
    @WithDefault("2S")
    Duration pingTimeout();
}
