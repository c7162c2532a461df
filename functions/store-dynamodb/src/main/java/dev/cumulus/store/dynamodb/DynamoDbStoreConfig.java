package dev.cumulus.store.dynamodb;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where a DynamoDB store keeps accounts: {@code cumulus.store.*}. The client itself is configured by
 * {@code quarkus.dynamodb.*}.
 */
@ConfigMapping(prefix = "cumulus.store")
public interface DynamoDbStoreConfig {

    /** The table name. */
    @WithDefault("cumulus-users")
    String table();

    /** Create the table at first use if it is missing (local runs and tests; not in AWS). */
    @WithDefault("false")
    boolean createTable();
}
