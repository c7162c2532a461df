package dev.cumulus.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cumulus.store.StoreUnavailableException;
import dev.cumulus.store.testing.Ports;
import dev.cumulus.store.user.UserStore;
import dev.cumulus.store.user.UserStoreContract;

/** The contract on H2 in memory, in the PostgreSQL mode the local profile uses, with the real migration. */
class JdbcUserStoreH2Test extends UserStoreContract {

    private JdbcUserStore store;

    @BeforeAll
    void migrate() {
        DataSource dataSource = h2("users-" + UUID.randomUUID());
        Flyway.configure().dataSource(dataSource).load().migrate();
        store = new JdbcUserStore(dataSource, Duration.ofSeconds(1));
    }

    @Override
    protected UserStore store() {
        return store;
    }

    @Override
    protected UserStore unreachableStore() {
        JdbcDataSource remote = new JdbcDataSource();
        remote.setURL("jdbc:h2:tcp://127.0.0.1:" + Ports.freeLoopbackPort() + "/mem:gone");
        return new JdbcUserStore(remote, Duration.ofSeconds(1));
    }

    @Test
    void find_withoutTheTable_throwsStoreUnavailableNamingNoSql() {
        // given: a database the migration never ran on
        JdbcUserStore unmigrated = new JdbcUserStore(h2("empty-" + UUID.randomUUID()), Duration.ofSeconds(1));

        // when / then
        assertThatThrownBy(() -> unmigrated.find("alice")).isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("user store failed: find (SQLState 42").satisfies(e -> assertThat(
                        e.getMessage()).doesNotContainIgnoringCase("select").doesNotContain("alice"));
        assertThatThrownBy(() -> unmigrated.create(newUser("alice", null)))
                .isInstanceOf(StoreUnavailableException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(HASH).doesNotContainIgnoringCase("insert"));
    }

    @Test
    void create_usernameLongerThanTheColumn_isRefusedAsAnArgument() {
        assertThatThrownBy(() -> store.create(newUser("x".repeat(65), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQLState 22001");
    }

    private static DataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        // DB_CLOSE_DELAY=-1 keeps the in-memory database between connections
        dataSource.setURL("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        return dataSource;
    }
}
