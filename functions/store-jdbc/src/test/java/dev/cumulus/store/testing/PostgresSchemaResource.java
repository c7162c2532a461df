package dev.cumulus.store.testing;

import java.util.Map;

import dev.cumulus.store.user.UserStore;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the default datasource of a Quarkus test at a fresh schema of the test PostgreSQL server (see
 * {@link PostgresSchema}) and drops it after: {@code @QuarkusTestResource(PostgresSchemaResource.class)}, or from a
 * test profile's {@code testResources()}. Flyway ({@code quarkus.flyway.migrate-at-start}) migrates it at start. A
 * test field marked {@link Accounts} receives a {@code UserStore} on the same schema, and a field of type
 * {@link PostgresSchema} the schema itself.
 */
public class PostgresSchemaResource implements QuarkusTestResourceLifecycleManager {

    private PostgresSchema schema;

    @Override
    public Map<String, String> start() {
        schema = PostgresSchema.create();
        return Map.of("quarkus.datasource.jdbc.url", schema.jdbcUrl(), "quarkus.datasource.username",
                PostgresSchema.USER, "quarkus.flyway.schemas", schema.name());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(schema.userStore(),
                new TestInjector.AnnotatedAndMatchesType(Accounts.class, UserStore.class));
        injector.injectIntoFields(schema, new TestInjector.MatchesType(PostgresSchema.class));
    }

    @Override
    public void stop() {
        if (schema != null) {
            schema.close();
        }
    }
}
