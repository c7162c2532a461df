package dev.cumulus.store.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cumulus.store.jdbc.JdbcUserStore;
import dev.cumulus.store.user.UserStore;

/**
 * A fresh, empty schema in the test PostgreSQL server (by default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code postgres}, trust authentication; override with the system properties {@code cumulus.test.postgres.url} and
 * {@code cumulus.test.postgres.user}), dropped with everything in it on {@link #close()}. Tests that run at the same
 * time, even from several builds, each get their own schema. {@link #jdbcUrl()} selects the schema, so a Quarkus test
 * can hand it to {@code quarkus.datasource.jdbc.url} and let Flyway migrate it at start.
 */
public final class PostgresSchema implements AutoCloseable {

    public static final String SERVER_URL = System.getProperty("cumulus.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getProperty("cumulus.test.postgres.user", "postgres");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    /** Creates a new empty schema with a random name. */
    public static PostgresSchema create() {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String name = "test_" + HexFormat.of().formatHex(suffix);
        execute(serverDataSource(), "create schema " + name);
        return new PostgresSchema(name);
    }

    public String name() {
        return name;
    }

    /** The server URL with {@code currentSchema} set to this schema. */
    public String jdbcUrl() {
        return SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** An unpooled data source whose connections work in this schema. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(USER);
        return dataSource;
    }

    /** A store on this schema (once it is migrated), as the apps use it. */
    public UserStore userStore() {
        return new JdbcUserStore(dataSource(), Duration.ofSeconds(2));
    }

    /** Applies the store's Flyway migrations ({@code db/migration}) to this schema. */
    public PostgresSchema migrate() {
        Flyway.configure().dataSource(dataSource()).schemas(name).load().migrate();
        return this;
    }

    @Override
    public void close() {
        execute(serverDataSource(), "drop schema if exists " + name + " cascade");
    }

    private static DataSource serverDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SERVER_URL);
        dataSource.setUser(USER);
        return dataSource;
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER_URL + " refused: " + sql, e);
        }
    }
}
