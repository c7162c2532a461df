package dev.cumulus.store.dynamodb;

import static dev.cumulus.store.dynamodb.DynamoDbUserTable.CREATED_AT;
import static dev.cumulus.store.dynamodb.DynamoDbUserTable.EMAIL;
import static dev.cumulus.store.dynamodb.DynamoDbUserTable.FAILED_LOGINS;
import static dev.cumulus.store.dynamodb.DynamoDbUserTable.ID;
import static dev.cumulus.store.dynamodb.DynamoDbUserTable.LOCKED_UNTIL;
import static dev.cumulus.store.dynamodb.DynamoDbUserTable.PASSWORD_HASH;
import static dev.cumulus.store.dynamodb.DynamoDbUserTable.USERNAME;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.cumulus.core.error.UsernameTakenException;
import dev.cumulus.store.user.AttemptCounter;
import dev.cumulus.store.user.LockRule;
import dev.cumulus.store.user.LoginAttempt;
import dev.cumulus.store.user.NewUser;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Accounts in a DynamoDB table (see {@link DynamoDbUserTable}). Conditional writes make the guarantees: a new account
 * is put only if no item has its username, and updates apply only to existing items, so they never create one.
 * A login attempt is counted by a compare-and-set on the count and the lock (see {@link AttemptCounter}). Reads are
 * strongly consistent.
 */
public final class DynamoDbUserStore implements UserStore {

    // every attribute through a placeholder, so no name can collide with DynamoDB's reserved words
    private static final Map<String, String> NAMES = Map.of("#u", USERNAME, "#f", FAILED_LOGINS, "#l", LOCKED_UNTIL,
            "#p", PASSWORD_HASH);
    private static final String EXISTS = "attribute_exists(#u)";

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbUserStore(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public StoredUser create(NewUser user) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(USERNAME, s(user.username()));
        item.put(ID, s(user.id().toString()));
        if (user.email() != null) {
            item.put(EMAIL, s(user.email()));
        }
        item.put(PASSWORD_HASH, s(user.passwordHash()));
        item.put(CREATED_AT, s(user.createdAt().toString()));
        item.put(FAILED_LOGINS, n(0));
        try {
            call("create", () -> client.putItem(put -> put.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#u)").expressionAttributeNames(Map.of("#u", USERNAME))));
        } catch (ConditionalCheckFailedException taken) {
            throw new UsernameTakenException();
        }
        return new StoredUser(user.id(), user.username(), user.email(), user.passwordHash(), user.createdAt(), 0, null);
    }

    @Override
    public Optional<StoredUser> find(String username) {
        Map<String, AttributeValue> item = call("find",
                () -> client.getItem(get -> get.tableName(table).key(key(username)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public LoginAttempt beginLogin(String username, Instant now, LockRule rule) {
        return AttemptCounter.begin(username, now, rule, this::find, this::compareAndSet);
    }

    /**
     * One conditional {@code UpdateItem}: the count and the lock are compared as the texts and numbers stored (an
     * instant's text does not sort as time does, so the decision on the lock is made by the caller, not here).
     */
    private boolean compareAndSet(String username, int expectedFailures, Instant expectedLock, int failures,
            Instant lockedUntil) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":expected", n(expectedFailures));
        values.put(":failures", n(failures));
        String condition = EXISTS + " AND #f = :expected AND ";
        if (expectedLock == null) {
            condition += "attribute_not_exists(#l)";
        } else {
            values.put(":expectedLock", s(expectedLock.toString()));
            condition += "#l = :expectedLock";
        }
        String expression = "SET #f = :failures";
        if (lockedUntil == null) {
            expression += " REMOVE #l";
        } else {
            values.put(":until", s(lockedUntil.toString()));
            expression += ", #l = :until";
        }
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table).key(key(username))
                .updateExpression(expression).conditionExpression(condition)
                .expressionAttributeNames(Map.of("#u", USERNAME, "#f", FAILED_LOGINS, "#l", LOCKED_UNTIL))
                .expressionAttributeValues(values).build();
        try {
            call("beginLogin", () -> client.updateItem(request));
            return true;
        } catch (ConditionalCheckFailedException changedOrUnknown) {
            return false;
        }
    }

    @Override
    public void recordSuccess(String username, String newPasswordHash) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":zero", n(0));
        String set = "SET #f = :zero";
        if (newPasswordHash != null) {
            values.put(":hash", s(newPasswordHash));
            set += ", #p = :hash";
        }
        try {
            update("recordSuccess", username, set + " REMOVE #l", values, ReturnValue.NONE);
        } catch (ConditionalCheckFailedException unknown) {
            // nothing to reset
        }
    }

    @Override
    public void ping() {
        call("ping", () -> client.describeTable(describe -> describe.tableName(table)));
    }

    private UpdateItemResponse update(String operation, String username, String expression,
            Map<String, AttributeValue> values, ReturnValue returnValue) {
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table).key(key(username))
                .updateExpression(expression).conditionExpression(EXISTS).expressionAttributeNames(namesIn(expression))
                .expressionAttributeValues(values).returnValues(returnValue).build();
        return call(operation, () -> client.updateItem(request));
    }

    /** DynamoDB refuses names that an expression does not use, so pass only those. */
    private static Map<String, String> namesIn(String expression) {
        Map<String, String> used = new HashMap<>();
        used.put("#u", USERNAME);
        NAMES.forEach((placeholder, name) -> {
            if (expression.contains(placeholder)) {
                used.put(placeholder, name);
            }
        });
        return used;
    }

    private static <T> T call(String operation, Supplier<T> request) {
        return DynamoDbCalls.call("user store", operation, request);
    }

    private static StoredUser read(Map<String, AttributeValue> item) {
        AttributeValue email = item.get(EMAIL);
        AttributeValue failures = item.get(FAILED_LOGINS);
        AttributeValue lockedUntil = item.get(LOCKED_UNTIL);
        return new StoredUser(UUID.fromString(item.get(ID).s()), item.get(USERNAME).s(),
                email == null ? null : email.s(), item.get(PASSWORD_HASH).s(), Instant.parse(item.get(CREATED_AT).s()),
                failures == null ? 0 : Integer.parseInt(failures.n()),
                lockedUntil == null ? null : Instant.parse(lockedUntil.s()));
    }

    private static Map<String, AttributeValue> key(String username) {
        return Map.of(USERNAME, s(username));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
