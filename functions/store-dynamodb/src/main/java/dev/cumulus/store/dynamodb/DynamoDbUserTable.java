package dev.cumulus.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB table of accounts: one item per account, partition key {@code username} (string), on-demand billing.
 * Deployments create it once (serverless.yml, or {@code aws dynamodb create-table --table-name cumulus-users
 * --attribute-definitions AttributeName=username,AttributeType=S --key-schema AttributeName=username,KeyType=HASH
 * --billing-mode PAY_PER_REQUEST}); tests and the local profile call {@link #createIfMissing}.
 */
public final class DynamoDbUserTable {

    public static final String USERNAME = "username";
    static final String ID = "id";
    static final String EMAIL = "email";
    static final String PASSWORD_HASH = "passwordHash";
    static final String CREATED_AT = "createdAt";
    static final String FAILED_LOGINS = "failedLogins";
    static final String LOCKED_UNTIL = "lockedUntil";

    private DynamoDbUserTable() {
    }

    /** Creates the table and waits until it is active. */
    public static void create(DynamoDbClient client, String table) {
        client.createTable(CreateTableRequest.builder().tableName(table)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(USERNAME)
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(USERNAME).keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST).build());
        client.waiter().waitUntilTableExists(request -> request.tableName(table));
    }

    /** Creates the table unless a table of that name exists already; returns whether it created it. */
    public static boolean createIfMissing(DynamoDbClient client, String table) {
        try {
            create(client, table);
            return true;
        } catch (ResourceInUseException exists) {
            return false;
        }
    }
}
