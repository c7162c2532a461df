package dev.cumulus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import org.flywaydb.core.Flyway;

import dev.cumulus.store.dynamodb.DynamoDbJobStore;
import dev.cumulus.store.dynamodb.DynamoDbJobTable;
import dev.cumulus.store.jdbc.JdbcJobStore;
import dev.cumulus.store.job.JobStore;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** The job ledgers {@link LedgerOverhead} measures, each on an engine of its own made for the run and removed after. */
final class LedgerStores {

    /** The local PostgreSQL server; the system properties {@code ledger.postgres.url} and {@code .user} move it. */
    static final String POSTGRES_URL = System.getProperty("ledger.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    static final String POSTGRES_USER = System.getProperty("ledger.postgres.user", "postgres");
    /** Connections in the pool, as Quarkus' default for a datasource ({@code max-size} 20). */
    static final int POOL_SIZE = 20;
    private static final String TABLE = "cumulus-bench-jobs";

    private LedgerStores() {
    }

    /** A store and what to close after it. */
    record Opened(JobStore store, String description, AutoCloseable resources) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    /**
     * {@link JdbcJobStore} in a fresh schema of the local PostgreSQL, migrated by the store's own Flyway migrations,
     * on an Agroal pool (the pool Quarkus gives the apps); the schema is dropped on close.
     */
    static Opened postgres() {
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        String schema = "bench_" + HexFormat.of().formatHex(suffix);
        String url = POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        AgroalDataSource pool;
        try {
            pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(
                    p -> p.maxSize(POOL_SIZE).connectionFactoryConfiguration(
                            f -> f.jdbcUrl(url).principal(new NamePrincipal(POSTGRES_USER)))));
        } catch (SQLException e) {
            throw new IllegalStateException("no pool for " + url, e);
        }
        Flyway.configure().dataSource(pool).schemas(schema).load().migrate();
        return new Opened(new JdbcJobStore(pool), "schema " + schema + " at " + POSTGRES_URL
                + ", migrated by db/migration, Agroal pool of " + POOL_SIZE, () -> {
                    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                        s.execute("drop schema " + schema + " cascade");
                    } finally {
                        pool.close();
                    }
                });
    }

    /**
     * {@link DynamoDbJobStore} on DynamoDB Local (in memory, in this process, on a free loopback port), its table made
     * by {@link DynamoDbJobTable#create}, as the store's tests run it; the SDK's URL-connection client.
     */
    static Opened dynamoDbLocal() throws Exception {
        int port = freeLoopbackPort();
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[]{"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbJobTable.create(client, TABLE);
        return new Opened(new DynamoDbJobStore(client, TABLE), "DynamoDB Local in memory on 127.0.0.1:" + port
                + ", table " + TABLE, () -> {
                    client.close();
                    server.stop();
                });
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
