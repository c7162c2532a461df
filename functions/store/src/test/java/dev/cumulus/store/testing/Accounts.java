package dev.cumulus.store.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the field of a Quarkus test that receives, from {@code PostgresSchemaResource} (cumulus-store-jdbc) or
 * {@code DynamoDbLocalResource} (cumulus-store-dynamodb), a {@code UserStore} on the same database as the application
 * under test, so the test can make and inspect accounts directly.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Accounts {
}
