package dev.cumulus.store;

import java.util.List;
import java.util.Map;

import dev.cumulus.store.testing.PostgresSchemaResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The two ways an app keeps its accounts in a database, as Quarkus test profiles over the shared configuration. */
final class JdbcWiringProfiles {

    private JdbcWiringProfiles() {
    }

    /**
     * Where the inactive PostgreSQL datasource points: nothing listens on port 1, so an app that started had neither
     * connected to it nor migrated it.
     */
    static final String UNREACHABLE_POSTGRES = "jdbc:postgresql://127.0.0.1:1/unreachable";

    /** The local profile: H2 in memory, the PostgreSQL datasource inactive. */
    public static class EmbeddedH2 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.active", "false", "quarkus.datasource.jdbc.url", UNREACHABLE_POSTGRES,
                    "quarkus.datasource.\"embedded\".active", "true");
        }
    }

    /** Kubernetes: PostgreSQL, here a fresh schema of the test server. */
    public static class Postgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresSchemaResource.class));
        }
    }
}
