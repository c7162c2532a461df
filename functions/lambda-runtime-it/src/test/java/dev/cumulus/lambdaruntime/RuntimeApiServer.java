package dev.cumulus.lambdaruntime;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Lambda Runtime API (version 2018-06-01) on a loopback port, for one function: {@code invocation/next} hands out
 * queued events with the headers Lambda sends, {@code invocation/{id}/response} and {@code .../error} complete them,
 * {@code init/error} records a failed start. A hand-written server rather than Quarkus' mock event server: the test
 * sees the error document and its headers exactly as the runtime client posted them, and needs no Vert.x.
 */
final class RuntimeApiServer implements AutoCloseable {

    static final String BASE = "/2018-06-01/runtime/";
    static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    private static final Pattern INVOCATION_PATH = Pattern.compile(BASE + "invocation/([^/]+)/(response|error)");
    // the wait of one long poll before it looks again whether the server is closing
    private static final long POLL_MILLIS = 200;

    private final String functionArn;
    private final Duration functionTimeout;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final AtomicReference<String> initError = new AtomicReference<>();
    private volatile boolean closed;

    private RuntimeApiServer(String functionArn, Duration functionTimeout) throws IOException {
        this.functionArn = functionArn;
        this.functionTimeout = functionTimeout;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(BASE, this::handle);
        // the long poll of invocation/next holds a thread while responses arrive on others
        server.setExecutor(executor);
    }

    static RuntimeApiServer start(String functionArn, Duration functionTimeout) throws IOException {
        RuntimeApiServer api = new RuntimeApiServer(functionArn, functionTimeout);
        api.server.start();
        return api;
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the future completes when the function posts its response or error. */
    CompletableFuture<InvocationResult> submit(String payload) {
        return submit(payload, null);
    }

    /**
     * Queues an event with the caller's client context (JSON, as a caller passes it to Invoke, base64 decoded), which
     * Lambda hands to the function in the {@code Lambda-Runtime-Client-Context} header; {@code null} for none.
     */
    CompletableFuture<InvocationResult> submit(String payload, String clientContext) {
        Pending pending = new Pending(UUID.randomUUID().toString(), payload, clientContext, new CompletableFuture<>());
        queue.add(pending);
        return pending.result();
    }

    /** When the function first asked for an event, in {@link System#nanoTime()}: the end of its initialisation. */
    CompletableFuture<Long> firstPoll() {
        return firstPoll;
    }

    /** The document the runtime client posted to {@code init/error}, if it did. */
    String initError() {
        return initError.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher invocation = INVOCATION_PATH.matcher(path);
            if ("GET".equals(exchange.getRequestMethod()) && path.equals(BASE + "invocation/next")) {
                next(exchange);
            } else if ("POST".equals(exchange.getRequestMethod()) && invocation.matches()) {
                complete(exchange, invocation.group(1), "error".equals(invocation.group(2)));
            } else if ("POST".equals(exchange.getRequestMethod()) && path.equals(BASE + "init/error")) {
                initError.set(body(exchange));
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.nanoTime());
        Pending pending = null;
        try {
            while (pending == null && !closed) {
                pending = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending == null) {
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        inFlight.put(pending.id(), pending);
        long deadline = System.currentTimeMillis() + functionTimeout.toMillis();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.id());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        if (pending.clientContext() != null) {
            headers.set("Lambda-Runtime-Client-Context", pending.clientContext());
        }
        byte[] payload = pending.payload().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, payload.length);
        exchange.getResponseBody().write(payload);
    }

    private void complete(HttpExchange exchange, String id, boolean error) throws IOException {
        Pending pending = inFlight.remove(id);
        String body = body(exchange);
        if (pending == null) {
            // as Lambda answers a second response to the same request
            exchange.sendResponseHeaders(400, -1);
            return;
        }
        exchange.sendResponseHeaders(202, -1);
        pending.result().complete(new InvocationResult(id, error, body,
                exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER)));
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String traceId() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.substring(0, 24)
                + ";Parent=" + hex.substring(16) + ";Sampled=0";
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private record Pending(String id, String payload, String clientContext,
            CompletableFuture<InvocationResult> result) {
    }
}
