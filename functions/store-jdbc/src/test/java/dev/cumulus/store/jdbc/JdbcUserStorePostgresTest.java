package dev.cumulus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cumulus.store.StoreUnavailableException;
import dev.cumulus.store.testing.Ports;
import dev.cumulus.store.testing.PostgresSchema;
import dev.cumulus.store.user.NewUser;
import dev.cumulus.store.user.UserStore;
import dev.cumulus.store.user.UserStoreContract;

/** The contract on the test PostgreSQL server, in a fresh schema migrated by the real Flyway migration. */
class JdbcUserStorePostgresTest extends UserStoreContract {

    private PostgresSchema schema;
    private JdbcUserStore store;

    @BeforeAll
    void migrate() {
        schema = PostgresSchema.create().migrate();
        store = new JdbcUserStore(schema.dataSource(), Duration.ofSeconds(1));
    }

    @AfterAll
    void drop() {
        schema.close();
    }

    @Override
    protected UserStore store() {
        return store;
    }

    @Override
    protected UserStore unreachableStore() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:" + Ports.freeLoopbackPort() + "/test");
        nowhere.setUser(PostgresSchema.USER);
        nowhere.setConnectTimeout(1);
        return new JdbcUserStore(nowhere, Duration.ofSeconds(1));
    }

    @Test
    void ping_unreachableServer_keepsTheConnectionFailureAsCause() {
        assertThatThrownBy(() -> unreachableStore().ping()).isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("user store unreachable: ping (SQLState 08").hasCauseInstanceOf(
                        SQLException.class);
    }

    @Test
    void find_withoutTheTable_throwsStoreUnavailableNamingNoSql() {
        // given: a schema the migration never ran on
        try (PostgresSchema empty = PostgresSchema.create()) {
            JdbcUserStore unmigrated = new JdbcUserStore(empty.dataSource(), Duration.ofSeconds(1));

            // when / then: the operation and the SQLState, none of the driver's text
            assertThatThrownBy(() -> unmigrated.find("alice")).isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("user store failed: find (SQLState 42P01, PSQLException)").hasNoCause();
        }
    }

    @Test
    void create_rowViolatingAConstraint_reportsNeitherRowNorEmail() {
        // given: PostgreSQL's message for a NOT NULL violation quotes the whole failing row
        NewUser withoutHash = new NewUser(UUID.randomUUID(), uniqueName("nohash"), "row@example.com", null,
                CREATED_AT);

        // when / then
        assertThatThrownBy(() -> store.create(withoutHash)).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("user store failed: create (SQLState 23502, PSQLException)").hasNoCause()
                .satisfies(e -> assertThat(e.toString()).doesNotContain("row@example.com"));
    }
}
