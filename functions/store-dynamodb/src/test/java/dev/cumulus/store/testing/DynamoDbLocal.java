package dev.cumulus.store.testing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.cumulus.store.dynamodb.DynamoDbUserStore;
import dev.cumulus.store.dynamodb.DynamoDbUserTable;
import dev.cumulus.store.user.UserStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local (the real engine AWS ships for tests) serving HTTP on a free port, in memory, one database for every
 * region and key ({@code -sharedDb}), telemetry off. Clients reach it at {@link #endpoint()} on the loopback address.
 * Start one per test class and close it after:
 *
 * <pre>
 * try (DynamoDbLocal dynamoDb = DynamoDbLocal.start()) {
 *     DynamoDbClient client = dynamoDb.client();
 *     ...
 * }
 * </pre>
 *
 * A Quarkus test points the Quarkus DynamoDB client at it with {@link #quarkusProperties()}.
 */
public final class DynamoDbLocal implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "test";
    public static final String SECRET_ACCESS_KEY = "test";

    private static final int START_ATTEMPTS = 5;

    private final DynamoDBProxyServer server;
    private final int port;
    private final List<DynamoDbClient> storeClients = new CopyOnWriteArrayList<>();

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static DynamoDbLocal start() {
        Exception last = null;
        // the free port can be taken by someone else before the server binds it; then try another
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = Ports.freeLoopbackPort();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory",
                        "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
                server.start();
                return new DynamoDbLocal(server, port);
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start", last);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client of this server; close it when done. */
    public DynamoDbClient client() {
        return client(endpoint());
    }

    /**
     * The users table {@code table}, made as a deployment makes it ({@link DynamoDbUserTable#create}), and a store on
     * it; the store's client is closed with this server.
     */
    public UserStore userStore(String table) {
        DynamoDbClient client = client();
        storeClients.add(client);
        DynamoDbUserTable.create(client, table);
        return new DynamoDbUserStore(client, table);
    }

    /**
     * A client of a loopback port where nothing listens, failing fast: one attempt, short time-outs. Its calls end
     * in a connection failure.
     */
    public static DynamoDbClient unreachableClient() {
        return DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + Ports.freeLoopbackPort()))
                .region(Region.of(REGION)).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(Duration.ofSeconds(1)).build())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(5)))
                .build();
    }

    /** The {@code quarkus.dynamodb.*} settings that point the Quarkus DynamoDB client at this server. */
    public Map<String, String> quarkusProperties() {
        return Map.of("quarkus.dynamodb.endpoint-override", endpoint().toString(), "quarkus.dynamodb.aws.region",
                REGION, "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", ACCESS_KEY_ID,
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", SECRET_ACCESS_KEY);
    }

    @Override
    public void close() {
        storeClients.forEach(DynamoDbClient::close);
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }
}
