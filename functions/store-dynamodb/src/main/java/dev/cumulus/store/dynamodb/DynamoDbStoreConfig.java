package dev.cumulus.store.dynamodb;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where a DynamoDB store keeps accounts and jobs: {@code cumulus.store.*}. The client itself is configured by
 * {@code quarkus.dynamodb.*}.
 */
@ConfigMapping(prefix = "cumulus.store")
public interface DynamoDbStoreConfig {

    /** The table name. */
    @WithDefault("cumulus-users")
    String table();

    /** The table of the job ledger (see {@link DynamoDbJobTable}). */
    @WithDefault("cumulus-jobs")
    String jobsTable();

    /** Create the tables at first use if it is missing (local runs and tests; not in AWS). */
    @WithDefault("false")
    boolean createTable();
}
