package dev.cumulus.register;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.cumulus.store.testing.PostgresSchema;
import dev.cumulus.store.user.UserStore;

/** {@link RegisterServiceTest} on PostgreSQL, in a fresh schema migrated by the store's Flyway scripts. */
class RegisterServicePostgresTest extends RegisterServiceTest {

    static PostgresSchema schema;
    static UserStore users;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create().migrate();
        users = schema.userStore();
    }

    @AfterAll
    static void dropSchema() {
        schema.close();
    }

    @Override
    UserStore store() {
        return users;
    }
}
