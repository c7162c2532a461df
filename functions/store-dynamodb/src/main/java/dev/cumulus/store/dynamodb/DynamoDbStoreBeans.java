package dev.cumulus.store.dynamodb;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import dev.cumulus.store.user.UserStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The {@link UserStore} of an app that has this module on its class path: a {@link DynamoDbUserStore}. */
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
}
