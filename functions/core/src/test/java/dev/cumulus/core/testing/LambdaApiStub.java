package dev.cumulus.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.chunk.SourceRange;
import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.InlineSummer;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on loopback, for a function that
 * invokes {@code sum-chunk} and itself. A {@code RequestResponse} invocation of the sum-chunk function is answered with
 * the chunk's real sum (core's summers), after a delay if one is set, and counted per chunk index. An {@code Event}
 * invocation (of any function) is answered 202 at once, as Lambda answers once it has queued the event, kept, and
 * handed to the delivery set by {@link #deliverEventsTo} on a thread of its own, as Lambda runs it later.
 */
public final class LambdaApiStub implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String sumChunk;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ExecutorService deliveries = Executors.newCachedThreadPool();
    private final SourceSummer sources = new SourceSummer(new SourceGuard(List.of("localhost", "127.0.0.1"), true),
            new SourceReader(Duration.ofSeconds(2), Duration.ofSeconds(5)), new LineSummer(1024, 1L << 30));
    private final Map<Integer, AtomicInteger> chunkCalls = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> refusals = new ConcurrentHashMap<>();
    private final Map<String, List<String>> events = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Consumer<String> delivery = event -> {
    };
    private volatile long chunkDelayMillis;
    private volatile long eventDelayMillis;

    private LambdaApiStub(HttpServer server, String sumChunk) {
        this.server = server;
        this.sumChunk = sumChunk;
    }

    /** Starts on a free loopback port; {@code sumChunk} is the name of the function that sums chunks. */
    public static LambdaApiStub start(String sumChunk) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LambdaApiStub stub = new LambdaApiStub(server, sumChunk);
        server.createContext("/2015-03-31/functions/", stub::handle);
        server.setExecutor(stub.threads);
        server.start();
        return stub;
    }

    /** The endpoint a Lambda client is pointed at. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Where the payload of each {@code Event} invocation goes, after it has been answered. */
    public LambdaApiStub deliverEventsTo(Consumer<String> delivery) {
        this.delivery = delivery;
        return this;
    }

    /** Every sum-chunk call takes {@code millis} before it answers, so that a job lasts a while. */
    public LambdaApiStub delayEveryChunk(long millis) {
        this.chunkDelayMillis = millis;
        return this;
    }

    /**
     * Each {@code Event} invocation is kept and answered only after {@code millis}: a caller that does not wait for
     * the answer has gone on by then.
     */
    public LambdaApiStub answerEventsAfter(long millis) {
        this.eventDelayMillis = millis;
        return this;
    }

    /** The first {@code times} calls of chunk {@code index} end in a function error {@code INVALID_NUMBER}. */
    public LambdaApiStub refuse(int index, int times) {
        refusals.put(index, times);
        return this;
    }

    /** Forgets counts, events, refusals and delay, for the next test. */
    public void reset() {
        chunkCalls.clear();
        refusals.clear();
        events.clear();
        chunkDelayMillis = 0;
        eventDelayMillis = 0;
    }

    /** The calls of the sum-chunk function so far. */
    public int chunkCalls() {
        return chunkCalls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The calls of the sum-chunk function for chunk {@code index} so far. */
    public int chunkCalls(int index) {
        AtomicInteger n = chunkCalls.get(index);
        return n == null ? 0 : n.get();
    }

    /** The payloads of the {@code Event} invocations of {@code function}, in the order they came. */
    public List<String> events(String function) {
        return List.copyOf(events.getOrDefault(function, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                send(exchange, 404, "UnknownOperationException", "{\"message\":\"unknown operation\"}");
                return;
            }
            String function = path.group(1);
            String payload;
            try (InputStream in = exchange.getRequestBody()) {
                payload = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if ("Event".equals(type)) {
                if (eventDelayMillis > 0 && pause(eventDelayMillis)) {
                    return;
                }
                events.computeIfAbsent(function, f -> new CopyOnWriteArrayList<>()).add(payload);
                exchange.sendResponseHeaders(202, -1);
                Consumer<String> to = delivery;
                deliveries.execute(() -> to.accept(payload));
            } else if (function.equals(sumChunk) && (type == null || "RequestResponse".equals(type))) {
                sumChunk(exchange, payload);
            } else {
                send(exchange, 404, "ResourceNotFoundException",
                        "{\"Type\":\"User\",\"message\":\"Function not found: " + function + "\"}");
            }
        }
    }

    private void sumChunk(HttpExchange exchange, String payload) throws IOException {
        ChunkRequest request = JSON.readValue(payload, ChunkRequest.class);
        int index = request.index() == null ? -1 : request.index();
        int call = chunkCalls.computeIfAbsent(index, i -> new AtomicInteger()).incrementAndGet();
        // a sum-chunk that takes a while; the caller waits for the answer, not for this
        if (chunkDelayMillis > 0 && pause(chunkDelayMillis)) {
            return;
        }
        if (call <= refusals.getOrDefault(index, 0)) {
            functionError(exchange, "INVALID_NUMBER: injected refusal " + call + " of chunk " + index);
            return;
        }
        try {
            send(exchange, 200, null, JSON.writeValueAsString(ChunkResult.of(request.jobId(), index, sum(request))));
        } catch (CumulusException e) {
            functionError(exchange, e.code().name() + ": " + e.getMessage());
        }
    }

    /** As Lambda answers for a function that threw: 200, the error kind in a header, the error document. */
    private static void functionError(HttpExchange exchange, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
        send(exchange, 200, null, JSON.writeValueAsString(Map.of("errorMessage", message, "errorType",
                "dev.cumulus.lambda.FunctionErrorException")));
    }

    /** Waits {@code millis}; true when the stub closed (or the thread was interrupted) meanwhile. */
    private boolean pause(long millis) {
        try {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private ExactSum sum(ChunkRequest request) {
        if (request.values() != null) {
            return InlineSummer.sum(request.values());
        }
        SourceRange s = request.source();
        return sources.sum(s.url(), new ByteRange(s.offset(), s.length()), request.jobId());
    }

    private static void send(HttpExchange exchange, int status, String errorType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().set("X-Amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
        deliveries.shutdownNow();
    }
}
