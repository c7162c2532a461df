package dev.cumulus.lambdaruntime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * An OpenTelemetry collector's OTLP/HTTP trace receiver ({@code POST /v1/traces}, protobuf) on a loopback port: it
 * keeps every span it is sent, for a test to wait for.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as it was exported: its service, name, and ids in lowercase hex. */
    record Span(String service, String name, String traceId, String spanId, String parentId) {
    }

    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", this::receive);
    }

    static OtlpReceiver start() throws IOException {
        OtlpReceiver receiver = new OtlpReceiver();
        receiver.server.start();
        return receiver;
    }

    /** The base URL an exporter is given ({@code cumulus.tracing.otlp-endpoint}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The first span that matches, once received; fails the test when none has come within {@code timeout}. */
    Span await(Predicate<Span> which, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Span span : spans) {
                if (which.test(span)) {
                    return span;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the next look
        }
        throw new AssertionError("no such span within " + timeout.toSeconds() + " s; received: " + spans);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            var request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            HexFormat hex = HexFormat.of();
            request.getResourceSpansList().forEach(resource -> {
                String service = resource.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue())
                        .findFirst().orElse("");
                resource.getScopeSpansList().forEach(scope -> scope.getSpansList().forEach(span -> spans.add(
                        new Span(service, span.getName(), hex.formatHex(span.getTraceId().toByteArray()),
                                hex.formatHex(span.getSpanId().toByteArray()),
                                hex.formatHex(span.getParentSpanId().toByteArray())))));
            });
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
