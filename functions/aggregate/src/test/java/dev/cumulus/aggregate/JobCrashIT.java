package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.testing.FakeSumChunk;
import dev.cumulus.core.testing.RangeFileServer;
import dev.cumulus.store.testing.PostgresSchema;

/**
 * The packaged {@code aggregate}, a real process on a real PostgreSQL ledger, killed with SIGKILL in the middle of a
 * submitted job of 400 chunks and started again: the job ends with the exact sum, every chunk recorded once, and the
 * calls of sum-chunk after the restart are exactly the chunks that had no record when it died; and one job submitted
 * to two instances at once runs once; and a job rides out two seconds in which sum-chunk answers nothing but errors.
 * The stand-in
 * sum-chunk in this process sums for real (core's summers, over loopback HTTP) and counts the calls.
 */
class JobCrashIT {

    static final int NUMBERS = 250_000;
    static final Duration WITHIN = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killedMidJob_theNextInstanceFinishesFromTheLedger_exactSum_eachChunkOnce() throws Exception {
        // given: 1..250000, one per line (1,638,895 bytes), in ranges of 4 KiB: 401 chunks, each call 25 ms
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= NUMBERS; i++) {
            lines.append(i).append('\n');
        }
        BigInteger expected = BigInteger.valueOf(NUMBERS).multiply(BigInteger.valueOf(NUMBERS + 1L))
                .shiftRight(1);
        try (PostgresSchema schema = PostgresSchema.create();
                FakeSumChunk sumChunk = FakeSumChunk.start();
                RangeFileServer files = RangeFileServer.start()
                        .put("/numbers.txt", lines.toString().getBytes(StandardCharsets.US_ASCII))) {
            sumChunk.delayEveryCall(25);
            int port = freePort();
            List<String> command = command(port, schema, sumChunk);
            String base = "http://127.0.0.1:" + port;
            Process first = start(command, "first", base);
            int total;
            try {
                JsonNode submitted = send("POST", base + "/jobs", "{\"jobId\":\"crash-1\",\"source\":{\"url\":\""
                        + files.url("/numbers.txt") + "\"},\"chunkBytes\":4096,\"maxConcurrency\":4}", 202);
                total = submitted.path("chunks").path("total").asInt();
                assertThat(total).isEqualTo(401);

                // when: SIGKILL once a quarter of the chunks are recorded
                awaitStatus(base, s -> s.path("chunks").path("succeeded").asInt() >= total / 4);
            } finally {
                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            int callsBefore = sumChunk.totalCalls();
            int recordedBefore = recordedChunks(schema);
            Process second = start(command, "second", base);
            try {
                // then: taken up again once the dead instance's lease (3 s) has passed, and finished
                JsonNode end = awaitStatus(base, s -> s.path("state").asText().equals("SUCCEEDED")
                        || s.path("state").asText().equals("FAILED"));
                int callsAfter = sumChunk.totalCalls() - callsBefore;
                System.out.printf("crash and resume: %d chunks; before the kill %d calls, %d chunks recorded; after "
                        + "the restart %d calls; sum %s (expected %s), count %s%n", total, callsBefore,
                        recordedBefore, callsAfter, end.path("result").path("sum").asText(), expected,
                        end.path("result").path("count").asText());
                assertThat(end.path("state").asText()).isEqualTo("SUCCEEDED");
                assertThat(new BigInteger(end.path("result").path("sum").asText())).isEqualTo(expected);
                assertThat(end.path("result").path("count").asLong()).isEqualTo(NUMBERS);
                assertThat(recordedBefore).isBetween(total / 4, total - 1);
                assertThat(recordedChunks(schema)).isEqualTo(total);
                assertThat(callsAfter).isEqualTo(total - recordedBefore);
            } finally {
                second.destroy();
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    @Test
    void sameJobSubmittedToTwoInstancesAtOnce_oneRun_oneResult() throws Exception {
        // given: two instances on one ledger, a job of 86 chunks
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 60_000; i++) {
            lines.append(i).append('\n');
        }
        try (PostgresSchema schema = PostgresSchema.create();
                FakeSumChunk sumChunk = FakeSumChunk.start();
                RangeFileServer files = RangeFileServer.start()
                        .put("/numbers.txt", lines.toString().getBytes(StandardCharsets.US_ASCII))) {
            sumChunk.delayEveryCall(10);
            int portA = freePort();
            int portB = freePort();
            Process a = start(command(portA, schema, sumChunk), "a", "http://127.0.0.1:" + portA);
            Process b = start(command(portB, schema, sumChunk), "b", "http://127.0.0.1:" + portB);
            try {
                String job = "{\"jobId\":\"twice\",\"source\":{\"url\":\"" + files.url("/numbers.txt")
                        + "\"},\"chunkBytes\":4096}";

                // when: the same submission to both at once
                var toA = java.util.concurrent.CompletableFuture.supplyAsync(() -> submit(portA, job));
                var toB = java.util.concurrent.CompletableFuture.supplyAsync(() -> submit(portB, job));
                JsonNode first = toA.join();
                JsonNode second = toB.join();

                // then: one job, run once, with one result that both instances give
                assertThat(first.path("jobId").asText()).isEqualTo("twice");
                assertThat(second.path("jobId").asText()).isEqualTo("twice");
                int total = first.path("chunks").path("total").asInt();
                JsonNode end = awaitStatus("http://127.0.0.1:" + portA, "twice",
                        s -> s.path("state").asText().equals("SUCCEEDED"));
                JsonNode fromB = send("GET", "http://127.0.0.1:" + portB + "/jobs/twice", null, 200);
                System.out.printf("one job submitted to two instances at once: %d chunks, %d calls, runs %d%n", total,
                        sumChunk.totalCalls(), end.path("runs").asInt());
                assertThat(end.path("runs").asInt()).isEqualTo(1);
                assertThat(sumChunk.totalCalls()).isEqualTo(total);
                assertThat(recordedChunks(schema)).isEqualTo(total);
                assertThat(end.path("result").path("sum").asText()).isEqualTo("1800030000");
                assertThat(fromB.path("result")).isEqualTo(end.path("result"));
            } finally {
                a.destroy();
                b.destroy();
                a.waitFor(30, TimeUnit.SECONDS);
                b.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void sumChunkDownForTwoSeconds_theJobRidesItOut_exactSum() throws Exception {
        // given: a job of 401 chunks, 4 at a time, with a deadline of 60 s; the instance's production breaker and
        // retries (20 calls judged, open 5 s; up to 10 retries each, backoff doubling from 100 ms to 2 s)
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= NUMBERS; i++) {
            lines.append(i).append('\n');
        }
        BigInteger expected = BigInteger.valueOf(NUMBERS).multiply(BigInteger.valueOf(NUMBERS + 1L))
                .shiftRight(1);
        var clock = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (PostgresSchema schema = PostgresSchema.create();
                FakeSumChunk sumChunk = FakeSumChunk.start();
                RangeFileServer files = RangeFileServer.start()
                        .put("/numbers.txt", lines.toString().getBytes(StandardCharsets.US_ASCII))) {
            sumChunk.delayEveryCall(25);
            int port = freePort();
            String base = "http://127.0.0.1:" + port;
            Process aggregate = start(command(port, schema, sumChunk), "outage", base);
            try {
                send("POST", base + "/jobs", "{\"jobId\":\"outage\",\"source\":{\"url\":\"" + files.url("/numbers.txt")
                        + "\"},\"chunkBytes\":4096,\"maxConcurrency\":4,\"timeoutMs\":60000}", 202);
                awaitStatus(base, "outage", s -> s.path("chunks").path("succeeded").asInt() >= 50);

                // when: sum-chunk answers nothing but 503 for 2 s, as while it restarts
                sumChunk.failEveryCall(503);
                clock.schedule(() -> sumChunk.delayEveryCall(25), 2, TimeUnit.SECONDS);

                // then
                JsonNode end = awaitStatus(base, "outage", s -> !s.path("state").asText().equals("RUNNING")
                        && !s.path("state").asText().equals("PENDING"));
                System.out.printf("sum-chunk down for 2 s mid-job: %s, %d chunks, retries %d, sum %s (expected %s)%n",
                        end.path("state").asText(), end.path("chunks").path("total").asInt(),
                        end.path("chunks").path("retries").asInt(), end.path("result").path("sum").asText(), expected);
                assertThat(end.path("state").asText()).isEqualTo("SUCCEEDED");
                assertThat(new BigInteger(end.path("result").path("sum").asText())).isEqualTo(expected);
                assertThat(recordedChunks(schema)).isEqualTo(end.path("chunks").path("total").asInt());
            } finally {
                aggregate.destroy();
                aggregate.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            clock.shutdownNow();
        }
    }

    private JsonNode submit(int port, String job) {
        try {
            return send("POST", "http://127.0.0.1:" + port + "/jobs", job, 202);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> command(int port, PostgresSchema schema, FakeSumChunk sumChunk) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged aggregate").isRegularFile();
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Dquarkus.http.host=127.0.0.1");
        c.add("-Dquarkus.http.port=" + port);
        c.add("-Dquarkus.datasource.jdbc.url=" + schema.jdbcUrl());
        c.add("-Dquarkus.datasource.username=" + PostgresSchema.USER);
        c.add("-Dquarkus.flyway.schemas=" + schema.name());
        c.add("-Dcumulus.aggregate.sum-chunk-url=" + sumChunk.baseUrl());
        c.add("-Dcumulus.sources.allowed-hosts=127.0.0.1,localhost");
        c.add("-Dcumulus.aggregate.min-chunk-bytes=1024");
        // no hedges: every call after the restart then stands for one chunk without a record
        c.add("-Dcumulus.aggregate.hedge-budget=0");
        c.add("-Dcumulus.aggregate.jobs.lease=3S");
        c.add("-Dcumulus.aggregate.jobs.heartbeat=500ms");
        // one owner for every call: tokens have tests of their own (JobOwnersTest)
        c.add("-Dcumulus.aggregate.auth.allow-anonymous=true");
        c.add("-jar");
        c.add(jar.toString());
        return c;
    }

    private Process start(List<String> command, String name, String base) throws IOException {
        Path log = Files.createTempFile("aggregate-" + name, ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (!p.isAlive()) {
                throw new AssertionError("aggregate (" + name + ") exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
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
        throw new AssertionError("aggregate (" + name + ") was not ready within 60 s: " + Files.readString(log));
    }

    private JsonNode send(String method, String url, String body, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private JsonNode awaitStatus(String base, Predicate<JsonNode> done) throws Exception {
        return awaitStatus(base, "crash-1", done);
    }

    private JsonNode awaitStatus(String base, String jobId, Predicate<JsonNode> done) throws Exception {
        long until = System.nanoTime() + WITHIN.toNanos();
        JsonNode s = null;
        while (System.nanoTime() < until) {
            s = send("GET", base + "/jobs/" + jobId, null, 200);
            if (done.test(s)) {
                return s;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the next poll
        }
        throw new AssertionError("the job did not get there within " + WITHIN + "; last status: " + s);
    }

    private static int recordedChunks(PostgresSchema schema) throws SQLException {
        try (Connection c = schema.dataSource().getConnection();
                ResultSet r = c.createStatement().executeQuery(
                        "select count(*), count(distinct idx) from " + schema.name() + ".job_chunks")) {
            r.next();
            assertThat(r.getInt(1)).as("chunk records, each index once").isEqualTo(r.getInt(2));
            return r.getInt(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
