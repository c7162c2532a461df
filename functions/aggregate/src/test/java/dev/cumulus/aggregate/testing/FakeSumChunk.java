package dev.cumulus.aggregate.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkResult;
import dev.cumulus.core.chunk.SourceRange;
import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.ErrorResponse;
import dev.cumulus.core.number.ByteRange;
import dev.cumulus.core.number.ExactSum;
import dev.cumulus.core.number.InlineSummer;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;
import dev.cumulus.core.format.RecordSum;
import dev.cumulus.core.request.CallerConnection;

/**
 * A stand-in for {@code sum-chunk} on loopback that computes real sums with core's summers and misbehaves on cue, per
 * chunk index: fails a number of times with a status, refuses with 422, answers slowly, hangs, or answers for another
 * chunk. It counts the calls per index and the most calls it served at once, and notes each call's request id and
 * trace context.
 */
public final class FakeSumChunk implements AutoCloseable {

    /** What the next calls of a chunk meet; {@code times} calls, then normal answers. */
    public record Fault(int status, int times, long delayMillis, boolean hang, boolean wrongIndex) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final SourceSummer sources = new SourceSummer(new SourceGuard(List.of("localhost", "127.0.0.1"), true),
            new SourceReader(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(5)),
            new LineSummer(1024, 1L << 30));
    private final Map<Integer, Fault> faults = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> requestIds = new CopyOnWriteArrayList<>();
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private final List<String> tracestates = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Fault everyCall;

    private FakeSumChunk(HttpServer server) {
        this.server = server;
    }

    public static FakeSumChunk start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeSumChunk fake = new FakeSumChunk(server);
        server.createContext("/sum-chunk", fake::handle);
        server.setExecutor(fake.threads);
        server.start();
        return fake;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The first {@code times} calls of chunk {@code index} answer {@code status} with an error body. */
    public FakeSumChunk failTimes(int index, int times, int status) {
        faults.put(index, new Fault(status, times, 0, false, false));
        return this;
    }

    /** The first call of chunk {@code index} takes {@code millis} before it answers. */
    public FakeSumChunk slowOnce(int index, long millis) {
        faults.put(index, new Fault(200, 1, millis, false, false));
        return this;
    }

    /** The first {@code times} calls of chunk {@code index} never answer (until the server closes). */
    public FakeSumChunk hang(int index, int times) {
        faults.put(index, new Fault(200, times, 0, true, false));
        return this;
    }

    /** Chunk {@code index} is answered as if it were another chunk. */
    public FakeSumChunk answerForAnotherChunk(int index) {
        faults.put(index, new Fault(200, Integer.MAX_VALUE, 0, false, true));
        return this;
    }

    /** Every call of a chunk without a fault of its own answers {@code status}: a dead downstream. */
    public FakeSumChunk failEveryCall(int status) {
        everyCall = new Fault(status, Integer.MAX_VALUE, 0, false, false);
        return this;
    }

    /** Every call of a chunk without a fault of its own takes {@code millis}, so that calls overlap. */
    public FakeSumChunk delayEveryCall(long millis) {
        everyCall = new Fault(200, Integer.MAX_VALUE, millis, false, false);
        return this;
    }

    public int calls(int index) {
        AtomicInteger n = calls.get(index);
        return n == null ? 0 : n.get();
    }

    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public List<String> requestIds() {
        return List.copyOf(requestIds);
    }

    /** The {@code traceparent} header of every call, {@code "null"} for none. */
    public List<String> traceparents() {
        return List.copyOf(traceparents);
    }

    /** The {@code tracestate} header of every call, {@code "null"} for none. */
    public List<String> tracestates() {
        return List.copyOf(tracestates);
    }

    /** Forgets faults and counts, for the next test. */
    public void reset() {
        faults.clear();
        calls.clear();
        requestIds.clear();
        traceparents.clear();
        tracestates.clear();
        everyCall = null;
        maxInFlight.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            ChunkRequest request = JSON.readValue(exchange.getRequestBody(), ChunkRequest.class);
            int index = request.index() == null ? -1 : request.index();
            int call = calls.computeIfAbsent(index, i -> new AtomicInteger()).incrementAndGet();
            requestIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            tracestates.add(String.valueOf(exchange.getRequestHeaders().getFirst("tracestate")));
            Fault fault = faults.getOrDefault(index, everyCall);
            if (fault != null && call <= fault.times()) {
                if (fault.hang()) {
                    closed.await(60, TimeUnit.SECONDS);
                    return;
                }
                if (fault.delayMillis() > 0) {
                    // a slow sum-chunk; the test waits for the aggregate's answer, not for this
                    closed.await(fault.delayMillis(), TimeUnit.MILLISECONDS);
                }
                if (fault.status() != 200) {
                    send(exchange, fault.status(),
                            ErrorResponse.of(codeFor(fault.status()),
                                    "injected failure " + call + " of chunk " + index));
                    return;
                }
                if (fault.wrongIndex()) {
                    send(exchange, 200, ChunkResult.of(request.jobId(), index + 1000, ExactSum.EMPTY));
                    return;
                }
            }
            try {
                send(exchange, 200, answer(request));
            } catch (CumulusException e) {
                send(exchange, e.code().status(), ErrorResponse.of(e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The answer sum-chunk would give: the values' sum, or the source range's in its format. */
    private ChunkResult answer(ChunkRequest request) {
        if (request.values() != null) {
            return ChunkResult.of(request.jobId(), request.index(), InlineSummer.sum(request.values()));
        }
        SourceRange s = request.source();
        RecordSum sum = sources.sum(s.url(), new ByteRange(s.offset() == null ? 0 : s.offset(), s.length()),
                request.format(), request.jobId(), null, CallerConnection.NONE);
        return ChunkResult.of(request.jobId(), request.index(), sum.sum(), sum.skipped());
    }

    private static ErrorCode codeFor(int status) {
        return status == 422 ? ErrorCode.INVALID_NUMBER : status < 500 ? ErrorCode.INVALID_INPUT : ErrorCode.INTERNAL;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
