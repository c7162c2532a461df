package dev.cumulus.store.dynamodb;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.user.UserStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@link UserStore} and the {@link JobStore} of an app that has this module on its class path: a
 * {@link DynamoDbUserStore} and a {@link DynamoDbJobStore}, each on its own table, over the Quarkus client.
 */
@ApplicationScoped
public class DynamoDbStoreBeans {

    @Produces
    @Singleton
    @DefaultBean
    UserStore userStore(DynamoDbStoreConfig config, DynamoDbClient client) {
        if (config.createTable()) {
            DynamoDbUserTable.createIfMissing(client, config.table());
        }
        return new DynamoDbUserStore(client, config.table());
    }

    @Produces
    @Singleton
    @DefaultBean
    JobStore jobStore(DynamoDbStoreConfig config, DynamoDbClient client) {
        if (config.createTable()) {
            DynamoDbJobTable.createIfMissing(client, config.jobsTable());
        }
        return new DynamoDbJobStore(client, config.jobsTable());
    }
}
