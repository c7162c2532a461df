package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.cumulus.store.testing.PostgresSchema;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * The packaged {@code aggregate} calling a packaged {@code sum-chunk} over HTTP, both exporting spans to an OTLP/HTTP
 * receiver on loopback in this test: one trace, begun by the caller's {@code traceparent}, spans both services, and
 * each of {@code sum-chunk}'s server spans is a child of one of {@code aggregate}'s chunk-call spans.
 */
class TracesIT {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";
    static final Duration WITHIN = Duration.ofSeconds(60);

    /** One exported span, as the receiver decoded it. */
    record Exported(String service, String name, String traceId, String spanId, String parentId) {
    }

    final List<Exported> exported = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aggregateOfFourChunks_oneTraceAcrossBothServices_sumChunkSpansChildrenOfChunkCallSpans() throws Exception {
        HttpServer receiver = receiver();
        String otlp = "http://127.0.0.1:" + receiver.getAddress().getPort();
        Process sumChunk = null;
        Process aggregate = null;
        try (PostgresSchema schema = PostgresSchema.create()) {
            // given: both functions export to the receiver
            int sumChunkPort = freePort();
            sumChunk = start("sum-chunk",
                    List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + sumChunkPort,
                            "-Dcumulus.tracing.otlp-endpoint=" + otlp, "-jar", sumChunkJar().toString()),
                    sumChunkPort);
            int aggregatePort = freePort();
            aggregate = start("aggregate",
                    List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + aggregatePort,
                            "-Dquarkus.datasource.jdbc.url=" + schema.jdbcUrl(),
                            "-Dquarkus.datasource.username=" + PostgresSchema.USER,
                            "-Dquarkus.flyway.schemas=" + schema.name(),
                            "-Dcumulus.aggregate.sum-chunk-url=http://127.0.0.1:" + sumChunkPort,
                            "-Dcumulus.aggregate.auth.allow-anonymous=true", "-Dcumulus.aggregate.hedge-budget=0",
                            "-Dcumulus.tracing.otlp-endpoint=" + otlp, "-jar",
                            Path.of("target", "quarkus-app", "quarkus-run.jar").toString()),
                    aggregatePort);

            // when: 40 values in chunks of 10, under the caller's trace
            String values = IntStream.rangeClosed(1, 40).mapToObj(Integer::toString).collect(Collectors.joining(","));
            HttpResponse<String> answer = http.send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + aggregatePort + "/aggregate"))
                    .header("Content-Type", "application/json")
                    .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"values\":[" + values + "],\"chunkSize\":10}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"sum\":\"820\"");
            // stopping flushes what each has queued
            stop(aggregate);
            stop(sumChunk);

            // then
            awaitSpans(s -> s.service().equals("sum-chunk") && s.name().equals("sum-chunk"), 4);
            List<Exported> chunkCalls = exported.stream().filter(s -> s.name().equals("sum-chunk call")).toList();
            List<Exported> served = exported.stream()
                    .filter(s -> s.service().equals("sum-chunk") && s.name().equals("sum-chunk")).toList();
            Exported request = exported.stream().filter(s -> s.name().equals("aggregate")).findFirst().orElseThrow();
            assertThat(chunkCalls).hasSize(4).allSatisfy(s -> {
                assertThat(s.service()).isEqualTo("aggregate");
                assertThat(s.parentId()).isEqualTo(request.spanId());
            });
            assertThat(request.parentId()).isEqualTo(CALLER_SPAN);
            assertThat(exported).extracting(Exported::traceId).containsOnly(TRACE_ID);
            Set<String> chunkCallIds = chunkCalls.stream().map(Exported::spanId).collect(Collectors.toSet());
            assertThat(served).hasSize(4).allSatisfy(s -> assertThat(chunkCallIds).contains(s.parentId()));
            assertThat(served.stream().map(Exported::parentId).distinct()).hasSize(4);
        } finally {
            stop(aggregate);
            stop(sumChunk);
            receiver.stop(0);
        }
    }

    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            var request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            HexFormat hex = HexFormat.of();
            request.getResourceSpansList().forEach(resource -> {
                String service = resource.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue())
                        .findFirst().orElse("");
                resource.getScopeSpansList().forEach(scope -> scope.getSpansList()
                        .forEach(span -> exported.add(new Exported(service, span.getName(),
                                hex.formatHex(span.getTraceId().toByteArray()),
                                hex.formatHex(span.getSpanId().toByteArray()),
                                hex.formatHex(span.getParentSpanId().toByteArray())))));
            });
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private void awaitSpans(java.util.function.Predicate<Exported> which, int count) {
        long until = System.nanoTime() + WITHIN.toNanos();
        while (exported.stream().filter(which).count() < count && System.nanoTime() < until) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the next look
        }
        assertThat(exported.stream().filter(which).count()).as("spans received: " + exported).isEqualTo(count);
    }

    private static Path sumChunkJar() {
        Path jar = Path.of(System.getProperty("sum-chunk.jar", "../sum-chunk/target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged sum-chunk").isRegularFile();
        return jar;
    }

    private Process start(String name, List<String> args, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Path log = Files.createTempFile(name + "-traces", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                throw new AssertionError(name + " exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the next poll
        }
        p.destroyForcibly();
        throw new AssertionError(name + " was not ready within " + WITHIN + ": " + Files.readString(log));
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
