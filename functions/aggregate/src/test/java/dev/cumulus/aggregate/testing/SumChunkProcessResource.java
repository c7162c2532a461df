package dev.cumulus.aggregate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the packaged {@code sum-chunk} ({@code functions/sum-chunk/target/quarkus-app/quarkus-run.jar}, path in the
 * {@code sum-chunk.jar} system property) as a process of its own on a free port, waits until it is ready, and points
 * the {@code http} invoker at it. It logs in the JSON format of production ({@code cumulus.log.format=json}) to a
 * file that tests may read.
 */
public class SumChunkProcessResource implements QuarkusTestResourceLifecycleManager {

    static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a test may know of the process. */
    public record SumChunkProcess(String baseUrl, Path log) {
        public String logText() throws IOException {
            return Files.readString(log);
        }

        /**
         * The log's JSON lines, parsed; the text lines of the start before the JSON format took over are left out,
         * but a text line after the first JSON line fails the read.
         */
        public List<JsonNode> jsonLines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("{") || !lines.isEmpty()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        }
    }

    private Process process;
    private SumChunkProcess handle;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of(System.getProperty("sum-chunk.jar",
                "../sum-chunk/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged sum-chunk at " + jar.toAbsolutePath()
                    + "; build it first (the reactor does, before aggregate)");
        }
        try {
            int port = freePort();
            Path log = Files.createTempFile("sum-chunk-it", ".log");
            process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.port=" + port, "-Dquarkus.profile=test", "-Dcumulus.log.format=json", "-jar",
                    jar.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            handle = new SumChunkProcess("http://127.0.0.1:" + port, log);
            awaitReady(handle.baseUrl());
            return Map.of("cumulus.aggregate.invoker", "http", "cumulus.aggregate.sum-chunk-url", handle.baseUrl());
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(handle, new TestInjector.MatchesType(SumChunkProcess.class));
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady(String baseUrl) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "sum-chunk exited with " + process.exitValue() + " before it was ready");
            }
            if (ready(baseUrl)) {
                return;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS); // poll again soon, or notice an exit at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for sum-chunk", e);
            }
        }
        throw new IllegalStateException("sum-chunk was not ready within " + READY_WITHIN);
    }

    private static boolean ready(String baseUrl) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
