package dev.cumulus.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * The store's datasource, handing out connections only once the schema is migrated ({@link SchemaMigration#await()}),
 * so that no statement runs against a schema that is not there yet.
 */
final class MigratedDataSource implements DataSource {

    private final DataSource dataSource;
    private final SchemaMigration migration;

    MigratedDataSource(DataSource dataSource, SchemaMigration migration) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.migration = Objects.requireNonNull(migration, "migration");
    }

    @Override
    public Connection getConnection() throws SQLException {
        migration.await();
        return dataSource.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        migration.await();
        return dataSource.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return dataSource.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        dataSource.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        dataSource.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return dataSource.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return dataSource.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : dataSource.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || dataSource.isWrapperFor(type);
    }
}
