package dev.cumulus.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cumulus.store.StoreUnavailableException;
import dev.cumulus.store.testing.DynamoDbLocal;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;
import dev.cumulus.store.user.UserStoreContract;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The contract on DynamoDB Local over HTTP, with the table made by {@link DynamoDbUserTable}. */
class DynamoDbUserStoreTest extends UserStoreContract {

    private static final String TABLE = "cumulus-users";

    private DynamoDbLocal dynamoDb;
    private DynamoDbClient client;
    private DynamoDbClient unreachable;
    private DynamoDbUserStore store;

    @BeforeAll
    void start() {
        dynamoDb = DynamoDbLocal.start();
        client = dynamoDb.client();
        DynamoDbUserTable.create(client, TABLE);
        store = new DynamoDbUserStore(client, TABLE);
        unreachable = DynamoDbLocal.unreachableClient();
    }

    @AfterAll
    void stop() {
        unreachable.close();
        client.close();
        dynamoDb.close();
    }

    @Override
    protected UserStore store() {
        return store;
    }

    @Override
    protected UserStore unreachableStore() {
        return new DynamoDbUserStore(unreachable, TABLE);
    }

    @Test
    void table_isKeyedByUsernameAndBilledOnDemand() {
        TableDescription table = client.describeTable(d -> d.tableName(TABLE)).table();

        assertThat(table.keySchema()).singleElement().satisfies(key -> {
            assertThat(key.attributeName()).isEqualTo("username");
            assertThat(key.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void createIfMissing_existingTable_leavesIt() {
        assertThat(DynamoDbUserTable.createIfMissing(client, TABLE)).isFalse();
        assertThat(DynamoDbUserTable.createIfMissing(client, "other-users")).isTrue();
    }

    @Test
    void create_storesTheDocumentedAttributes() {
        // given
        StoredUser user = store.create(newUser(uniqueName("kate"), "kate@example.com"));
        store.beginLogin(user.username(), CREATED_AT, failures -> Optional.of(Duration.ofMinutes(1)));

        // when
        Map<String, AttributeValue> item = client
                .getItem(get -> get.tableName(TABLE).key(Map.of("username", AttributeValue.fromS(user.username()))))
                .item();

        // then: other tools (and people) read these items, so their shape is part of the contract
        assertThat(item).containsOnlyKeys("username", "id", "email", "passwordHash", "createdAt", "failedLogins",
                "lockedUntil");
        assertThat(item.get("id").s()).isEqualTo(user.id().toString());
        assertThat(item.get("createdAt").s()).isEqualTo("2025-03-04T05:06:07.891Z");
        assertThat(item.get("failedLogins").n()).isEqualTo("1");
        assertThat(item.get("lockedUntil").s()).isEqualTo("2025-03-04T05:07:07.891Z");
    }

    @Test
    void ping_missingTable_throwsStoreUnavailable() {
        DynamoDbUserStore noTable = new DynamoDbUserStore(client, "no-such-table");

        assertThatThrownBy(noTable::ping).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("user store failed: ping (ResourceNotFoundException, HTTP 400)");
    }
}
