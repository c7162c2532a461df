package dev.cumulus.register;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import dev.cumulus.store.testing.DynamoDbLocal;
import dev.cumulus.store.user.UserStore;

/**
 * {@link RegisterServiceTest} on DynamoDB Local, with the table made as a deployment makes it; the Lambda flavour's
 * backend, so it runs with {@code -Plambda}, where the DynamoDB store is on the class path.
 */
@Tag("lambda")
class RegisterServiceDynamoDbTest extends RegisterServiceTest {

    static DynamoDbLocal dynamoDb;
    static UserStore users;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = DynamoDbLocal.start();
        users = dynamoDb.userStore("users");
    }

    @AfterAll
    static void stopDynamoDb() {
        dynamoDb.close();
    }

    @Override
    UserStore store() {
        return users;
    }
}
