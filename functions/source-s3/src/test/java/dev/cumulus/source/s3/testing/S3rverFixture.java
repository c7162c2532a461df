package dev.cumulus.source.s3.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server for tests: s3rver 3.7.1 (an npm package) run by Node on a free loopback port, with its
 * data in a temporary folder. It is installed once into {@code ~/.cache/cumulus/s3rver-3.7.1} (or the folder named by
 * the system property {@code cumulus.s3rver.dir}) and shared by every module and worktree. Without {@code node} and
 * {@code npm} on the {@code PATH}, {@link #start()} and {@link #shared()} skip the test (a JUnit assumption) and
 * {@link #unavailable()} says why. The server accepts path-style requests signed with any well-formed credentials.
 *
 * <p>
 * From another module's tests: depend on {@code dev.cumulus:cumulus-source-s3} with {@code <type>test-jar</type>}
 * and {@code test} scope; use {@link S3rverResource} in a {@code @QuarkusTest}, or this class directly.
 */
public final class S3rverFixture implements AutoCloseable {

    public static final String VERSION = "3.7.1";
    public static final String REGION = "us-east-1";
    /** Test keys only: s3rver checks the form of a signature, not the key. */
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration INSTALL_TIME = Duration.ofMinutes(5);
    private static final Duration START_TIME = Duration.ofSeconds(30);
    private static S3rverFixture shared;

    private final Process process;
    private final Path data;
    private final URI endpoint;
    private final S3Client client;

    private S3rverFixture(Process process, Path data, int port) {
        this.process = process;
        this.data = data;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.client = S3Client.builder().endpointOverride(endpoint).region(Region.of(REGION))
                // s3rver stores an aws-chunked upload as it is sent, chunk signatures and all
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(false).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                // s3rver predates the SDK's default checksums (aws-chunked uploads with trailers)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    /** Why s3rver cannot run on this machine, or empty when it can. */
    public static Optional<String> unavailable() {
        for (String tool : List.of("node", "npm")) {
            if (onPath(tool).isEmpty()) {
                return Optional.of(tool + " is not on the PATH: the S3 tests need Node and npm to run s3rver");
            }
        }
        return Optional.empty();
    }

    /** For {@code @EnabledIf("dev.cumulus.source.s3.testing.S3rverFixture#available")}. */
    public static boolean available() {
        return unavailable().isEmpty();
    }

    /** One server for the whole test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized S3rverFixture shared() {
        if (shared == null || !shared.process.isAlive()) {
            S3rverFixture started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "s3rver-stop"));
            shared = started;
        }
        return shared;
    }

    /** A server of its own; close it after. Skips the test when Node is missing. */
    public static S3rverFixture start() {
        Optional<String> why = unavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> why.orElse(""));
        try {
            Path script = install();
            Path data = Files.createTempDirectory("s3rver");
            // s3rver's continuation tokens use DES, which the OpenSSL 3 of Node 17 and later keeps in its legacy
            // provider: without it, the second page of a listing fails
            Process p = new ProcessBuilder(onPath("node").orElseThrow().toString(), "--openssl-legacy-provider",
                    script.toString(), "--address",
                    "127.0.0.1", "--port", "0", "--directory", data.toString(), "--silent",
                    "--allow-mismatched-signatures").redirectErrorStream(true).start();
            S3rverFixture s = new S3rverFixture(p, data, awaitPort(p));
            s.awaitAnswer();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of this server for setting up buckets and objects. */
    public S3Client client() {
        return client;
    }

    public S3rverFixture createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
        return this;
    }

    public S3rverFixture put(String bucket, String key, byte[] content) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
        return this;
    }

    public S3rverFixture put(String bucket, String key, String content) {
        return put(bucket, key, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The configuration that points an app's {@code s3://} sources at this server and allows these buckets, with the
     * SDK's credential and region system properties (also set in this JVM, so the default chain finds them and never
     * asks the EC2 metadata address).
     */
    public Map<String, String> config(String... allowedBuckets) {
        Map<String, String> sdk = Map.of("aws.accessKeyId", ACCESS_KEY, "aws.secretAccessKey", SECRET_KEY,
                "aws.region", REGION, "aws.disableEc2Metadata", "true");
        sdk.forEach(System::setProperty);
        Map<String, String> config = new HashMap<>(sdk);
        config.put("cumulus.sources.s3.endpoint", endpoint.toString());
        config.put("cumulus.sources.s3.region", REGION);
        config.put("cumulus.sources.s3.allowed-buckets", String.join(",", allowedBuckets));
        return config;
    }

    @Override
    public void close() {
        client.close();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind harms nothing
        }
    }

    /** Installs s3rver into the shared folder once, under a file lock so that parallel builds install it once. */
    private static Path install() throws IOException {
        Path dir = Path.of(System.getProperty("cumulus.s3rver.dir",
                System.getProperty("user.home") + "/.cache/cumulus/s3rver-" + VERSION));
        Path script = dir.resolve("node_modules/s3rver/bin/s3rver.js");
        if (Files.isRegularFile(script)) {
            return script;
        }
        Files.createDirectories(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            if (!Files.isRegularFile(script)) {
                Process npm = new ProcessBuilder(onPath("npm").orElseThrow().toString(), "install", "--prefix",
                        dir.toString(), "--no-audit", "--no-fund", "--no-save", "s3rver@" + VERSION)
                        .redirectErrorStream(true).redirectOutput(dir.resolve("npm-install.log").toFile()).start();
                boolean done = npm.waitFor(INSTALL_TIME.toSeconds(), TimeUnit.SECONDS);
                if (!done || npm.exitValue() != 0 || !Files.isRegularFile(script)) {
                    npm.destroyForcibly();
                    throw new IllegalStateException("npm could not install s3rver@" + VERSION + " into " + dir
                            + "; see " + dir.resolve("npm-install.log"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing s3rver", e);
        }
        return script;
    }

    /** Reads the server's output until it says its port; the rest of its output is read and dropped. */
    private static int awaitPort(Process p) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> seen = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else if (!port.isDone() && seen.size() < 50) {
                        seen.add(line);
                    }
                }
            } catch (IOException e) {
                // the server stopped
            }
            port.completeExceptionally(new IllegalStateException("s3rver stopped before listening: " + seen));
        }, "s3rver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(START_TIME.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("s3rver did not start: " + e.getMessage(), e);
        }
    }

    /** Polls with a deadline until the server answers a request. */
    private void awaitAnswer() {
        long deadline = System.nanoTime() + START_TIME.toNanos();
        while (true) {
            try {
                client.listBuckets();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("s3rver did not answer in time", e);
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
