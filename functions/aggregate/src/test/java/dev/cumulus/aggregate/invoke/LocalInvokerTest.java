package dev.cumulus.aggregate.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.number.NumberLimits;
import dev.cumulus.core.chunk.ChunkRequest;
import dev.cumulus.core.chunk.ChunkSummer;
import dev.cumulus.core.chunk.SourceRange;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;
import dev.cumulus.core.testing.RangeFileServer;

/** The in-process invoker applies sum-chunk's own checks and limits, and the call's timeout to a source read. */
class LocalInvokerTest {

    private RangeFileServer server;
    private LocalInvoker invoker;

    @BeforeEach
    void start() throws Exception {
        server = RangeFileServer.start();
        ChunkSummer summer = new ChunkSummer(3, NumberLimits.DEFAULTS,
                new SourceSummer(new SourceGuard(List.of("127.0.0.1"), false),
                        new SourceReader(Duration.ofSeconds(2), Duration.ofSeconds(5)), new LineSummer(64, 1 << 20)));
        invoker = new LocalInvoker(summer, Runnable::run);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<InlineValue> ones(int n) {
        return Collections.nCopies(n, InlineValue.number("1"));
    }

    @Test
    void valuesWithinTheLimit_summed() {
        assertThat(invoker.invoke(ChunkRequest.ofValues("j", 0, ones(3)), "j", Duration.ofSeconds(5)).await()
                .atMost(Duration.ofSeconds(30)).sum()).isEqualTo("3");
    }

    @Test
    void moreValuesThanSumChunkTakes_refusedAsSumChunkWould() {
        assertThatThrownBy(() -> invoker.invoke(ChunkRequest.ofValues("j", 0, ones(4)), "j", Duration.ofSeconds(5))
                .await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(InvocationFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("PAYLOAD_TOO_LARGE");
                    assertThat(f.retryable()).isFalse();
                });
    }

    @Test
    void sourceWithoutAnOffset_readFromTheStart() {
        server.put("/n.txt", "1\n2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(invoker.invoke(ChunkRequest.ofSource("j", 0, new SourceRange(server.url("/n.txt"), null, null)),
                "j", Duration.ofSeconds(5)).await().atMost(Duration.ofSeconds(30)).sum()).isEqualTo("3");
    }

    @Test
    void endlessSource_readStopsAtTheCallsTimeout() throws InterruptedException {
        // given: a source fast enough for any rate check, without end
        server.trickle("/endless.txt", "1\n".repeat(2000).getBytes(java.nio.charset.StandardCharsets.US_ASCII), 20);

        // when: a call of 500 ms (the read would otherwise go on for the reader's 2 minutes)
        assertThatThrownBy(() -> invoker.invoke(
                ChunkRequest.ofSource("j", 0, new SourceRange(server.url("/endless.txt"), 0L, null)), "j",
                Duration.ofMillis(500)).await().atMost(Duration.ofSeconds(30)))
                .isInstanceOf(InvocationFailure.class);

        // then: the read itself stopped and closed its connection
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!server.closedByClient().contains("/endless.txt")) {
            assertThat(System.nanoTime() - deadline).as("the source's connection was closed").isNegative();
            Thread.sleep(10);
        }
    }
}
