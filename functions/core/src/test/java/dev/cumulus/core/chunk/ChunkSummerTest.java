package dev.cumulus.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cumulus.core.number.NumberLimits;
import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.core.number.InlineValue;
import dev.cumulus.core.number.LineSummer;
import dev.cumulus.core.request.CallerConnection;
import dev.cumulus.core.source.SourceGuard;
import dev.cumulus.core.source.SourceReader;
import dev.cumulus.core.source.SourceSummer;

/** The checks and limits every way of running sum-chunk applies. */
class ChunkSummerTest {

    @TempDir
    Path root;

    private ChunkSummer summer(int maxValues) {
        return new ChunkSummer(maxValues, NumberLimits.DEFAULTS, new SourceSummer(new SourceGuard(List.of(), root),
                new SourceReader(Duration.ofSeconds(1), Duration.ofSeconds(1)), new LineSummer(64, 1 << 20)));
    }

    private static List<InlineValue> values(int n) {
        return Collections.nCopies(n, InlineValue.number("1"));
    }

    private static InvalidInputException refused(ChunkSummer summer, ChunkRequest request) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> summer.sum(request, null, CallerConnection.NONE), InvalidInputException.class);
    }

    @Test
    void inlineValues_summed() {
        ChunkResult result = summer(10).sum(ChunkRequest.ofValues("job-1", 2, values(3)), null,
                CallerConnection.NONE);

        assertThat(result.sum()).isEqualTo("3");
        assertThat(result.jobId()).isEqualTo("job-1");
        assertThat(result.index()).isEqualTo(2);
    }

    @Test
    void fileRangeUnderTheRoot_summed() throws Exception {
        Path file = Files.writeString(root.resolve("n.txt"), "1\n2\n3\n", StandardCharsets.US_ASCII);

        ChunkResult result = summer(10).sum(
                ChunkRequest.ofSource(null, null, new SourceRange(file.toUri().toString(), 2L, null)), null,
                CallerConnection.NONE);

        assertThat(result.sum()).isEqualTo("5");
    }

    @Test
    void jobIdWithANewline_refusedNamingJobId() {
        InvalidInputException e = refused(summer(10), ChunkRequest.ofValues("forged\nline", null, values(1)));

        assertThat(e.field()).isEqualTo("jobId");
    }

    @Test
    void tooManyValues_tooLarge() {
        assertThatThrownBy(() -> summer(2).sum(ChunkRequest.ofValues(null, null, values(3)), null,
                CallerConnection.NONE)).isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void badFields_refusedNamingThem() {
        ChunkSummer s = summer(10);
        SourceRange anywhere = new SourceRange("file:///n.txt", null, null);

        assertThat(refused(s, new ChunkRequest(null, -1, values(1), null)).field()).isEqualTo("index");
        assertThat(refused(s, new ChunkRequest(null, null, values(1), null, 0L)).field()).isEqualTo("timeoutMs");
        assertThat(refused(s, ChunkRequest.ofSource(null, null, new SourceRange("file:///n.txt", -1L, null)))
                .field()).isEqualTo("source.offset");
        assertThat(refused(s, ChunkRequest.ofSource(null, null, new SourceRange("file:///n.txt", 0L, -1L)))
                .field()).isEqualTo("source.length");
        assertThat(refused(s, new ChunkRequest(null, null, values(1), anywhere)).getMessage()).contains("not both");
        assertThat(refused(s, new ChunkRequest(null, null, null, null)).getMessage()).contains("required");
        assertThat(refused(s, null).getMessage()).contains("empty");
    }

    @Test
    void withTimeout_wholeMillisecondsAtLeastOne() {
        ChunkRequest r = ChunkRequest.ofValues(null, null, values(1));

        assertThat(r.withTimeout(Duration.ofMillis(1500)).timeoutMs()).isEqualTo(1500);
        assertThat(r.withTimeout(Duration.ofNanos(10)).timeoutMs()).isEqualTo(1);
    }
}
