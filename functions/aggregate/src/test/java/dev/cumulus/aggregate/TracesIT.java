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
 * each of {@code sum-chunk}'s server spans is a child of one of {@code aggregate}'s chunk-call spans; for a submitted
 * job too, whose run (after the answer, from the job ledger) continues the trace of the request that submitted it.
 */
class TracesIT {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String JOB_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    static final String CALLER_SPAN = "00f067aa0ba902b7";
    static final Duration WITHIN = Duration.ofSeconds(60);

    /** One exported span, as the receiver decoded it. */
    record Exported(String service, String name, String traceId, String spanId, String parentId) {
    }

    final List<Exported> exported = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answeredAndSubmittedJobsOfFourChunks_eachOneTraceAcrossBothServices_sumChunkSpansChildrenOfChunkCalls()
            throws Exception {
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
            // and: the same values submitted as a job under another trace, asked about until it has ended
            HttpResponse<String> accepted = http.send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + aggregatePort + "/jobs"))
                    .header("Content-Type", "application/json")
                    .header("traceparent", "00-" + JOB_TRACE_ID + "-" + CALLER_SPAN + "-01")
                    .POST(HttpRequest.BodyPublishers
                            .ofString("{\"jobId\":\"traced\",\"values\":[" + values + "],\"chunkSize\":10}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(awaitJobEnd(aggregatePort, "traced")).contains("\"state\":\"SUCCEEDED\"")
                    .contains("\"sum\":\"820\"");
            // stopping flushes what each has queued
            stop(aggregate);
            stop(sumChunk);

            // then: the answered job's chunk calls are children of its request's span
            awaitSpans(s -> s.service().equals("sum-chunk") && s.name().equals("sum-chunk"), 8);
            Exported request = only(TRACE_ID, "aggregate");
            assertThat(request.parentId()).isEqualTo(CALLER_SPAN);
            assertChunkCalls(TRACE_ID, request.spanId());
            // and: the submitted job's run span is a child of the submitting request's span, its chunk calls of it
            Exported submit = only(JOB_TRACE_ID, "aggregate");
            assertThat(submit.parentId()).isEqualTo(CALLER_SPAN);
            Exported run = only(JOB_TRACE_ID, "aggregate job run");
            assertThat(run.service()).isEqualTo("aggregate");
            assertThat(run.parentId()).isEqualTo(submit.spanId());
            assertChunkCalls(JOB_TRACE_ID, run.spanId());
            assertThat(exported).filteredOn(s -> s.name().contains("sum-chunk")).extracting(Exported::traceId)
                    .containsOnly(TRACE_ID, JOB_TRACE_ID);
        } finally {
            stop(aggregate);
            stop(sumChunk);
            receiver.stop(0);
        }
    }

    /**
     * Four chunk-call spans of {@code aggregate} in the trace, children of {@code parent}, each the parent of one of
     * {@code sum-chunk}'s spans.
     */
    private void assertChunkCalls(String traceId, String parent) {
        List<Exported> inTrace = exported.stream().filter(s -> s.traceId().equals(traceId)).toList();
        List<Exported> chunkCalls = inTrace.stream().filter(s -> s.name().equals("sum-chunk call")).toList();
        List<Exported> served = inTrace.stream()
                .filter(s -> s.service().equals("sum-chunk") && s.name().equals("sum-chunk")).toList();
        assertThat(chunkCalls).hasSize(4).allSatisfy(s -> {
            assertThat(s.service()).isEqualTo("aggregate");
            assertThat(s.parentId()).isEqualTo(parent);
        });
        Set<String> chunkCallIds = chunkCalls.stream().map(Exported::spanId).collect(Collectors.toSet());
        assertThat(served).hasSize(4).allSatisfy(s -> assertThat(chunkCallIds).contains(s.parentId()));
        assertThat(served.stream().map(Exported::parentId).distinct()).hasSize(4);
    }

    private Exported only(String traceId, String name) {
        List<Exported> found = exported.stream().filter(s -> s.traceId().equals(traceId) && s.name().equals(name))
                .toList();
        assertThat(found).as("spans named " + name + " in trace " + traceId + ": " + exported).hasSize(1);
        return found.get(0);
    }

    /** The job's status once it has ended, asked for every 50 ms; fails past {@link #WITHIN}. */
    private String awaitJobEnd(int port, String jobId) throws IOException, InterruptedException {
        long until = System.nanoTime() + WITHIN.toNanos();
        String status = "";
        while (System.nanoTime() < until) {
            status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/" + jobId))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            if (!status.contains("\"state\":\"PENDING\"") && !status.contains("\"state\":\"RUNNING\"")) {
                return status;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the next look
        }
        throw new AssertionError("job " + jobId + " did not end within " + WITHIN + ": " + status);
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
