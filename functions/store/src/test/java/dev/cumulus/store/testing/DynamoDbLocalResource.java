package dev.cumulus.store.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts {@link DynamoDbLocal} for a Quarkus test and makes the app keep its accounts there:
 * {@code cumulus.store.kind=dynamodb}, the table created at first use, the Quarkus DynamoDB client pointed at the
 * server. The test profile still deactivates the datasources it does not want.
 */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    private DynamoDbLocal dynamoDb;

    @Override
    public Map<String, String> start() {
        dynamoDb = DynamoDbLocal.start();
        Map<String, String> config = new HashMap<>(dynamoDb.quarkusProperties());
        config.put("cumulus.store.kind", "dynamodb");
        config.put("cumulus.store.create-table", "true");
        return config;
    }

    @Override
    public void stop() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }
}
