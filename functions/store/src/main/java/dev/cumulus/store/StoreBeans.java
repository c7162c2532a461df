package dev.cumulus.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.arc.InstanceHandle;
import dev.cumulus.store.dynamodb.DynamoDbUserStore;
import dev.cumulus.store.dynamodb.DynamoDbUserTable;
import dev.cumulus.store.jdbc.JdbcUserStore;
import dev.cumulus.store.password.Argon2Config;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.user.UserStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Makes the store classes, which know nothing of CDI, available to the function apps, with the UTC clock the account
 * services read time from. All are default beans: a test or an app may declare its own instead.
 */
@ApplicationScoped
public class StoreBeans {

    @Produces
    @Singleton
    @DefaultBean
    UserStore userStore(StoreConfig config, @Any InjectableInstance<AgroalDataSource> dataSources,
            Instance<DynamoDbClient> dynamoDb) {
        // Instances, so that only the chosen kind's client is built: a JDBC deployment needs no AWS configuration,
        // a DynamoDB one no database
        return switch (config.kind()) {
            case JDBC -> new JdbcUserStore(activeDataSource(config, dataSources), config.pingTimeout());
            case DYNAMODB -> dynamoDbStore(config, dynamoDb.get());
        };
    }

    @Produces
    @Singleton
    @DefaultBean
    PasswordHasher passwordHasher(Argon2Config config) {
        return new PasswordHasher(config.parameters(), new SecureRandom());
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    private static DynamoDbUserStore dynamoDbStore(StoreConfig config, DynamoDbClient client) {
        if (config.createTable()) {
            DynamoDbUserTable.createIfMissing(client, config.table());
        }
        return new DynamoDbUserStore(client, config.table());
    }

    /**
     * The datasource named by {@code cumulus.store.datasource}, else the only active one. db-kind is fixed at build
     * time, so one jar carries a PostgreSQL and an H2 datasource and the profile activates one
     * ({@code quarkus.datasource[."name"].active}); Flyway migrates only active ones.
     */
    private static AgroalDataSource activeDataSource(StoreConfig config, InjectableInstance<AgroalDataSource> all) {
        Map<String, InstanceHandle<AgroalDataSource>> active = new TreeMap<>();
        for (InstanceHandle<AgroalDataSource> handle : all.handles()) {
            if (handle.getBean().isActive()) {
                active.put(AgroalDataSourceUtil.dataSourceName(handle.getBean()), handle);
            }
        }
        String name = config.datasource().orElseGet(() -> {
            if (active.size() != 1) {
                throw new IllegalStateException("cumulus.store.kind=jdbc needs exactly one active datasource, found "
                        + active.keySet() + "; activate one (quarkus.datasource.active) or name it in "
                        + "cumulus.store.datasource");
            }
            return active.keySet().iterator().next();
        });
        InstanceHandle<AgroalDataSource> chosen = active.get(name);
        if (chosen == null) {
            throw new IllegalStateException("cumulus.store.datasource names '" + name
                    + "', which is not an active datasource; active: " + active.keySet());
        }
        return chosen.get();
    }
}
