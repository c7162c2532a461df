package dev.cumulus.store.testing;

import java.util.HashMap;
import java.util.Map;

import dev.cumulus.store.user.UserStore;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts {@link DynamoDbLocal} for a Quarkus test and makes the app keep its accounts there:
 * the table {@value #TABLE} created, the Quarkus DynamoDB client pointed at the server; its jobs go to
 * {@value #JOBS_TABLE}, created at first use. A test field marked
 * {@link Accounts} receives a {@code UserStore} on the same table.
 */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    /** The table the application and the test's {@link Accounts} store share. */
    public static final String TABLE = "cumulus-users";
    /** The job ledger's table, which the application creates at first use. */
    public static final String JOBS_TABLE = "cumulus-jobs";

    private DynamoDbLocal dynamoDb;
    private UserStore accounts;

    @Override
    public Map<String, String> start() {
        dynamoDb = DynamoDbLocal.start();
        accounts = dynamoDb.userStore(TABLE);
        Map<String, String> config = new HashMap<>(dynamoDb.quarkusProperties());
        config.put("cumulus.store.table", TABLE);
        config.put("cumulus.store.jobs-table", JOBS_TABLE);
        config.put("cumulus.store.create-table", "true");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(accounts,
                new TestInjector.AnnotatedAndMatchesType(Accounts.class, UserStore.class));
    }

    @Override
    public void stop() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }
}
