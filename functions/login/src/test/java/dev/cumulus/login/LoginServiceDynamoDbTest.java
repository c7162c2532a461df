package dev.cumulus.login;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.cumulus.store.dynamodb.DynamoDbUserStore;
import dev.cumulus.store.dynamodb.DynamoDbUserTable;
import dev.cumulus.store.testing.DynamoDbLocal;
import dev.cumulus.store.user.UserStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link LoginServiceTest} on DynamoDB Local, with the table made as a deployment makes it. */
class LoginServiceDynamoDbTest extends LoginServiceTest {

    static DynamoDbLocal dynamoDb;
    static DynamoDbClient client;
    static UserStore users;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = DynamoDbLocal.start();
        client = dynamoDb.client();
        DynamoDbUserTable.create(client, "users");
        users = new DynamoDbUserStore(client, "users");
    }

    @AfterAll
    static void stopDynamoDb() {
        client.close();
        dynamoDb.close();
    }

    @Override
    UserStore store() {
        return users;
    }
}
