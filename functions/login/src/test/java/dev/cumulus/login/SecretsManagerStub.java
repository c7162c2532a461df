package dev.cumulus.login;

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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The {@code GetSecretValue} call of AWS Secrets Manager (JSON 1.1 protocol: {@code POST /}, header
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}, body {@code {"SecretId":"…"}}), on a free loopback port. It
 * answers the secrets it was given and {@code ResourceNotFoundException} for any other, as the service does, and
 * records the secret ids asked for.
 */
final class SecretsManagerStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private SecretsManagerStub(HttpServer server) {
        this.server = server;
    }

    static SecretsManagerStub start() {
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

    SecretsManagerStub with(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The secret ids asked for, in order. */
    List<String> asked() {
        return List.copyOf(asked);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String secretId = JSON.readTree(exchange.getRequestBody()).path("SecretId").asText();
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                answer(exchange, 400, Map.of("__type", "UnknownOperationException"));
                return;
            }
            asked.add(secretId);
            String value = secrets.get(secretId);
            if (value == null) {
                answer(exchange, 400, Map.of("__type", "ResourceNotFoundException", "message",
                        "Secrets Manager can't find the specified secret."));
                return;
            }
            answer(exchange, 200, Map.of("ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + secretId,
                    "Name", secretId, "SecretString", value, "VersionId", "v1", "VersionStages",
                    List.of("AWSCURRENT"), "CreatedDate", 1.7e9));
        }
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        if (status != 200) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", String.valueOf(body.get("__type")));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
