package dev.cumulus.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The {@code GetSecretValue} call of AWS Secrets Manager (JSON 1.1 protocol: {@code POST /}, header
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}, body {@code {"SecretId":"…"}}), on a free loopback port. It
 * answers the secrets it was given and {@code ResourceNotFoundException} for any other, as the service does, and
 * records the secret ids asked for. For the tests of {@code login}, which reads its signing key from a secret.
 */
public final class SecretsManagerStub implements AutoCloseable {

    // the SDK writes the request body compactly; the ids the tests use need no JSON escapes
    private static final Pattern SECRET_ID = Pattern.compile("\"SecretId\"\\s*:\\s*\"([^\"\\\\]*)\"");

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private SecretsManagerStub(HttpServer server) {
        this.server = server;
    }

    public static SecretsManagerStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SecretsManagerStub stub = new SecretsManagerStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SecretsManagerStub with(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The secret ids asked for, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Matcher id = SECRET_ID
                    .matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String secretId = id.find() ? id.group(1) : "";
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                error(exchange, "UnknownOperationException");
                return;
            }
            asked.add(secretId);
            String value = secrets.get(secretId);
            if (value == null) {
                error(exchange, "ResourceNotFoundException");
                return;
            }
            answer(exchange, 200, "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:" + secretId
                    + "\",\"Name\":\"" + secretId + "\",\"SecretString\":\"" + jsonText(value)
                    + "\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}");
        }
    }

    private static void error(HttpExchange exchange, String type) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        answer(exchange, 400, "{\"__type\":\"" + type + "\",\"message\":\"no such secret or operation\"}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The text as the inside of a JSON string (a PEM has line breaks; nothing else here needs escaping). */
    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
