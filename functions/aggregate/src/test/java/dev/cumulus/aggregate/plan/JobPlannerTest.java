package dev.cumulus.aggregate.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.core.error.SourceUnavailableException;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.testing.RangeFileServer;

class JobPlannerTest {

    static final byte[] TEN_LINES = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n".getBytes(StandardCharsets.US_ASCII); // 21 bytes

    static RangeFileServer files;

    final JobPlanner planner = new JobPlanner(100, new SourceGuard(List.of("127.0.0.1"), true),
            new SourceSizer(Duration.ofSeconds(2), Duration.ofSeconds(2)));

    @BeforeAll
    static void startSourceServer() throws IOException {
        files = RangeFileServer.start()
                .put("/ten.txt", TEN_LINES)
                .put("/empty.txt", new byte[0])
                .put("/no-ranges.txt", TEN_LINES).ignoreRanges("/no-ranges.txt")
                .put("/big.txt", new byte[100_000])
                .put("/ten.txt.gz", new byte[40])
                .failWith("/broken.txt", 500);
    }

    @AfterAll
    static void stopSourceServer() {
        files.close();
    }

    static List<InlineValue> values(int n) {
        return Collections.nCopies(n, InlineValue.number("1"));
    }

    // --- inline values ---

    @Test
    void valuesNotAMultipleOfTheChunkSize_lastSliceShorter() {
        JobPlan plan = planner.planValues("j", values(25), 10);

        assertThat(plan.chunks()).containsExactly(new Chunk(0, 0, 10), new Chunk(1, 10, 10), new Chunk(2, 20, 5));
        ChunkRequest last = plan.request(2);
        assertThat(last.jobId()).isEqualTo("j");
        assertThat(last.index()).isEqualTo(2);
        assertThat(last.values()).hasSize(5);
        assertThat(last.source()).isNull();
    }

    @Test
    void chunkLargerThanTheValues_oneChunk() {
        assertThat(planner.planValues("j", values(3), 10_000).chunks()).containsExactly(new Chunk(0, 0, 3));
    }

    @Test
    void noValues_noChunks() {
        assertThat(planner.planValues("j", List.of(), 10).size()).isZero();
    }

    @Test
    void tooManySlices_refusedNamingTheChunkSizeThatFits() {
        assertThatThrownBy(() -> planner.planValues("j", values(1001), 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("101 chunks")
                .hasMessageContaining("at least 11 values");
    }

    // --- sources ---

    @Test
    void source_sizeFromHead_rangesOfChunkBytes() {
        JobPlan plan = planner.planSource("j", files.url("/ten.txt"), 8, "req-1");

        assertThat(plan.chunks()).containsExactly(new Chunk(0, 0, 8), new Chunk(1, 8, 8), new Chunk(2, 16, 5));
        assertThat(plan.request(1).source().url()).isEqualTo(files.url("/ten.txt"));
        assertThat(plan.request(1).source().offset()).isEqualTo(8);
        assertThat(plan.request(1).source().length()).isEqualTo(8);
        assertThat(files.requests()).contains("HEAD /ten.txt null");
    }

    @Test
    void serverIgnoringRanges_sizeStillKnown() {
        assertThat(planner.planSource("j", files.url("/no-ranges.txt"), 100, null).chunks())
                .containsExactly(new Chunk(0, 0, 21));
    }

    @Test
    void emptyObject_noChunks() {
        assertThat(planner.planSource("j", files.url("/empty.txt"), 8, null).size()).isZero();
    }

    @Test
    void headRefused_sizeFromTheContentRangeOfTheFirstByte() throws IOException {
        // a server that knows only GET, as S3 does for a URL pre-signed for GET
        HttpServer getOnly = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> ranges = new CopyOnWriteArrayList<>();
        getOnly.createContext("/", exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(403, -1);
                    return;
                }
                ranges.add(exchange.getRequestHeaders().getFirst("Range"));
                exchange.getResponseHeaders().set("Content-Range", "bytes 0-0/" + TEN_LINES.length);
                exchange.sendResponseHeaders(206, 1);
                exchange.getResponseBody().write(TEN_LINES, 0, 1);
            }
        });
        getOnly.start();
        try {
            String url = "http://127.0.0.1:" + getOnly.getAddress().getPort() + "/ten.txt";

            JobPlan plan = planner.planSource("j", url, 10, null);

            assertThat(plan.chunks()).extracting(Chunk::length).containsExactly(10L, 10L, 1L);
            assertThat(ranges).containsExactly("bytes=0-0");
        } finally {
            getOnly.stop(0);
        }
    }

    @Test
    void tenMillionChunks_refusedBeforeAnyChunkIsMade() {
        assertThatThrownBy(() -> planner.planSource("j", files.url("/big.txt"), 1, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 100");
    }

    @Test
    void missingObject_sourceUnavailable() {
        assertThatThrownBy(() -> planner.planSource("j", files.url("/nothing.txt"), 8, null))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> planner.planSource("j", files.url("/broken.txt"), 8, null))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void internalAddress_refusedBeforeAnyRequest() {
        assertThatThrownBy(() -> planner.planSource("j", "http://169.254.169.254/latest/", 8, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("source.url");
    }

    @Test
    void fileSource_sizeFromTheFileSystem(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("n.txt"), TEN_LINES);

        assertThat(planner.planSource("j", file.toUri().toString(), 20, null).chunks())
                .containsExactly(new Chunk(0, 0, 20), new Chunk(1, 20, 1));
    }

    @Test
    void zeroChunkBytes_refused() {
        assertThatThrownBy(() -> planner.planSource("j", files.url("/ten.txt"), 0, null))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("chunkBytes");
    }
    // --- several objects ---

    final JobPlanner upToThree = new JobPlanner(100, 3, new SourceGuard(List.of("127.0.0.1"), true),
            new SourceSizer(Duration.ofSeconds(2), Duration.ofSeconds(2)), ObjectLister.NONE);

    @Test
    void severalObjects_chunkedInOrder_eachChunkNamesItsObject() {
        // when
        JobPlan plan = upToThree.planSources("j", List.of(files.url("/ten.txt"), files.url("/empty.txt"),
                files.url("/ten.txt")), 15, null, null);

        // then: 21 bytes in 15 + 6, nothing of the empty object, then the first again
        assertThat(plan.chunks()).containsExactly(new Chunk(0, 0, 0, 15), new Chunk(1, 0, 15, 6),
                new Chunk(2, 2, 0, 15), new Chunk(3, 2, 15, 6));
        assertThat(plan.objects()).extracting(PlannedObject::size).containsExactly(21L, 0L, 21L);
        assertThat(plan.request(3).source().url()).isEqualTo(files.url("/ten.txt"));
        assertThat(plan.request(3).source().offset()).isEqualTo(15);
        assertThat(plan.objectIndexes()).containsExactly(0, 0, 2, 2);
    }

    @Test
    void gzipObject_oneChunkReadsItWhole() {
        JobPlan plan = upToThree.planSources("j", List.of(files.url("/ten.txt.gz"), files.url("/ten.txt")), 8, null,
                null);

        assertThat(plan.chunks().get(0)).isEqualTo(new Chunk(0, 0, 0, 40));
        assertThat(plan.objects().get(0).whole()).isTrue();
        assertThat(plan.request(0).source().length()).as("read to its end").isNull();
        assertThat(plan.size()).isEqualTo(1 + 3);
    }

    @Test
    void moreObjectsThanAllowed_refusedBeforeAnyIsAsked() {
        int before = files.requests().size();

        assertThatThrownBy(
                () -> upToThree.planSources("j", Collections.nCopies(4, files.url("/ten.txt")), 8, null, null))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("at most 3 objects");
        assertThat(files.requests()).hasSize(before);
    }

    @Test
    void oneBadUrlAmongSeveral_refusedBeforeAnyIsAsked() {
        int before = files.requests().size();

        assertThatThrownBy(() -> upToThree.planSources("j", List.of(files.url("/ten.txt"),
                "http://169.254.169.254/latest/"), 8, null, null))
                .isInstanceOf(InvalidInputException.class);
        assertThat(files.requests()).hasSize(before);
    }

    @Test
    void chunksOverAllObjects_boundedTogether() {
        JobPlanner fewChunks = new JobPlanner(5, 3, new SourceGuard(List.of("127.0.0.1"), true),
                new SourceSizer(Duration.ofSeconds(2), Duration.ofSeconds(2)), ObjectLister.NONE);

        // 21 bytes in chunks of 8 are 3 chunks; twice are 6, more than 5
        assertThatThrownBy(() -> fewChunks.planSources("j", List.of(files.url("/ten.txt"), files.url("/ten.txt")),
                8, null, null)).isInstanceOf(InvalidInputException.class).hasMessageContaining("6 chunks");
    }

    @Test
    void prefix_listedIntoItsObjects() {
        ObjectLister lister = new ObjectLister() {
            @Override
            public boolean isPrefix(java.net.URI uri) {
                return uri.getPath().endsWith("/");
            }

            @Override
            public java.net.URI check(java.net.URI prefix) {
                return prefix;
            }

            @Override
            public List<Listed> list(java.net.URI prefix, int max, String requestId) {
                assertThat(max).isEqualTo(3);
                return List.of(new Listed(prefix + "a.txt", 10), new Listed(prefix + "b.gz", 30));
            }
        };
        JobPlanner listing = new JobPlanner(100, 3, new SourceGuard(List.of("127.0.0.1"), true),
                new SourceSizer(Duration.ofSeconds(2), Duration.ofSeconds(2)), lister);

        JobPlan plan = listing.planSource("j", files.url("/data/"), 8, null);

        assertThat(plan.objects()).containsExactly(new PlannedObject(files.url("/data/a.txt"), 10, false),
                new PlannedObject(files.url("/data/b.gz"), 30, true));
        assertThat(plan.chunks()).containsExactly(new Chunk(0, 0, 0, 8), new Chunk(1, 0, 8, 2),
                new Chunk(2, 1, 0, 30));
    }
}
