package dev.cumulus.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB table of the job ledger: a job and its chunks under one partition key {@code pk} (string: the owner in
 * base64url, a dot, the job id), sort key {@code sk} (string: {@code job} for the job, {@code chunk#} and the index in
 * ten digits for each chunk); the sparse index {@value #ACTIVE_INDEX} (partition key {@code activeOwner}, sort key
 * {@code expiresAt}, keys only) holds the jobs that are pending or running; time to live on {@code ttl}; on-demand
 * billing. Deployments create it once (serverless.yml); tests and the local profile call {@link #createIfMissing}.
 */
public final class DynamoDbJobTable {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String ACTIVE_OWNER = "activeOwner";
    static final String EXPIRES_AT = "expiresAt";
    static final String TTL = "ttl";
    public static final String ACTIVE_INDEX = "active-jobs";

    private DynamoDbJobTable() {
    }

    /** Creates the table, waits until it is active, and turns on its time to live. */
    public static void create(DynamoDbClient client, String table) {
        client.createTable(CreateTableRequest.builder().tableName(table)
                .attributeDefinitions(attribute(PK, ScalarAttributeType.S), attribute(SK, ScalarAttributeType.S),
                        attribute(ACTIVE_OWNER, ScalarAttributeType.S), attribute(EXPIRES_AT, ScalarAttributeType.N))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(ACTIVE_INDEX)
                        .keySchema(key(ACTIVE_OWNER, KeyType.HASH), key(EXPIRES_AT, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build())
                .billingMode(BillingMode.PAY_PER_REQUEST).build());
        client.waiter().waitUntilTableExists(request -> request.tableName(table));
        client.updateTimeToLive(ttl -> ttl.tableName(table)
                .timeToLiveSpecification(spec -> spec.attributeName(TTL).enabled(true)));
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

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
