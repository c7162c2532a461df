package dev.cumulus.sumchunk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cumulus.core.testing.RangeFileServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Sources that misbehave on purpose, served from loopback: they trickle, never end, promise more than they send,
 * ignore {@code Range}; and URLs that reach for the machine's own files or are not URLs at all. Each gets a 4xx or
 * the source's 502/504, never a 200 with a partial sum, and a source the function stops reading sees its connection
 * closed. The test profile bounds a read at 1,024 bytes per second over 1 s windows and allows {@code file:} sources
 * under {@code target/hostile-file-root}.
 */
@QuarkusTest
class HostileSourcesTest {

    static final Path FILE_ROOT = Path.of("target/hostile-file-root");

    @TestHTTPResource
    URL base;
    static RangeFileServer sources;

    @BeforeAll
    static void start() throws IOException {
        byte[] lines = "1\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
        sources = RangeFileServer.start()
                // 2 bytes every 50 ms: 40 bytes per second
                .trickle("/trickle.txt", "1\n".getBytes(StandardCharsets.US_ASCII), 50)
                // 4,000 bytes every 20 ms: fast enough, but without end
                .trickle("/endless-deadline.txt", lines, 20)
                .trickle("/endless-caller-gone.txt", lines, 20)
                .put("/liar.txt", "1\n2\n".getBytes(StandardCharsets.US_ASCII))
                .claimSize("/liar.txt", 1_000_000_000_000_000L)
                .put("/no-ranges.txt", lines).ignoreRanges("/no-ranges.txt");
        Files.createDirectories(FILE_ROOT);
        Files.writeString(FILE_ROOT.resolve("numbers.txt"), "1\n2\n3\n", StandardCharsets.US_ASCII);
        link(FILE_ROOT.resolve("passwd.txt"), Path.of("/etc/passwd"));
        link(FILE_ROOT.resolve("up"), FILE_ROOT.toAbsolutePath().getParent());
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    @AfterAll
    static void stop() {
        sources.close();
    }

    static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/sum-chunk").then();
    }

    static String source(String url) {
        return "{\"source\":{\"url\":\"" + url + "\"}}";
    }

    static ValidatableResponse error(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(ContentType.JSON).body("error.code", equalTo(code));
    }

    // --- slow sources and gone callers ---

    @Test
    void tricklingSource_504AndItsConnectionClosed() throws InterruptedException {
        error(post(source(sources.url("/trickle.txt"))), 504, "SOURCE_TIMEOUT")
                .body("error.message", containsString("min-bytes-per-second"));

        awaitClosedByClient("/trickle.txt");
    }

    @Test
    void endlessSourcePastTheCallersTimeout_504AndItsConnectionClosed() throws InterruptedException {
        error(post("{\"timeoutMs\":1000,\"source\":{\"url\":\"" + sources.url("/endless-deadline.txt") + "\"}}"),
                504, "SOURCE_TIMEOUT")
                .body("error.message", containsString("1000 ms"));

        awaitClosedByClient("/endless-deadline.txt");
    }

    @Test
    void callerDisconnects_sourceConnectionClosed() throws Exception {
        // given: a caller reading an endless source that keeps above the minimum rate
        byte[] body = source(sources.url("/endless-caller-gone.txt")).getBytes(StandardCharsets.UTF_8);
        try (Socket caller = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = caller.getOutputStream();
            out.write(("POST /sum-chunk HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            awaitRequest("/endless-caller-gone.txt");
            // when: the caller hangs up
        }

        // then: the function stops reading long before its 60 s range deadline
        awaitClosedByClient("/endless-caller-gone.txt");
    }

    // --- sources that do not keep their word ---

    @Test
    void sourcePromisingMoreThanItSends_502NotAPartialSum() {
        error(post(source(sources.url("/liar.txt"))), 502, "SOURCE_UNAVAILABLE")
                .body("error.message", containsString("ended after 4 of the 1000000000000000 bytes"));
        error(post("{\"source\":{\"url\":\"" + sources.url("/liar.txt") + "\",\"offset\":1,\"length\":2}}"), 502,
                "SOURCE_UNAVAILABLE");
    }

    @Test
    void serverIgnoringRangeAtAnOffset_502() {
        error(post("{\"source\":{\"url\":\"" + sources.url("/no-ranges.txt") + "\",\"offset\":3000}}"), 502,
                "SOURCE_UNAVAILABLE")
                .body("error.message", containsString("ignored the Range header"));
    }

    // --- URLs that are not what they seem ---

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999/n.txt", "http://127.0.0.1:99999999999/n.txt",
            "http://127.0.0.1:0/n.txt", "file://host/x", "file://localhost/etc/passwd", "http://[::1/n.txt",
            "http://[::ffff:127.0.0.1]:1/n.txt", "http://[::ffff:7f00:1]:1/n.txt"})
    void malformedOrDisguisedUrl_400(String url) {
        error(post(source(url)), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("source.url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/shadow", "file:///etc/passwd", "file:///proc/self/environ",
            "file:///proc/self/cmdline"})
    void systemFile_400WithNothingOfItsContent(String url) {
        error(post(source(url)), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("source.url"))
                .body("error.message", containsString("file root"))
                .body(not(containsString("root:")))
                .body(not(containsString("PATH=")));
    }

    @Test
    void linkOrDotDotOutOfTheFileRoot_400() {
        String root = FILE_ROOT.toAbsolutePath().toUri().toString();

        error(post(source(root + "passwd.txt")), 400, "INVALID_INPUT")
                .body("error.message", containsString("file root")).body(not(containsString("root:")));
        // "up" leads to target/, outside the root
        error(post(source(root + "up/classes/application.properties")), 400, "INVALID_INPUT");
        error(post(source(root + "../../pom.xml")), 400, "INVALID_INPUT");
    }

    @Test
    void fileUnderTheFileRoot_summed() {
        post(source(FILE_ROOT.toAbsolutePath().resolve("numbers.txt").toUri().toString()))
                .statusCode(200)
                .body("sum", equalTo("6"));
    }

    // --- ids ---

    @Test
    void jobIdWithANewline_400NamingJobId() {
        error(post("{\"jobId\":\"j1\\nINFO forged line\",\"values\":[1]}"), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("jobId"));
    }

    private static void awaitRequest(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sources.requests().stream().noneMatch(r -> r.startsWith("GET " + path + " "))) {
            assertThat(System.nanoTime() - deadline).as("the source was asked for %s", path).isNegative();
            Thread.sleep(10);
        }
    }

    private static void awaitClosedByClient(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!sources.closedByClient().contains(path)) {
            assertThat(System.nanoTime() - deadline).as("the connection for %s was closed", path).isNegative();
            Thread.sleep(10);
        }
    }
}
