package dev.cumulus.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AggregateErrorsTest {

    @Test
    void downstreamFailed_502WithTheFailedChunksAsDetails() {
        Map<String, Object> details = Map.of("failed", List.of(Map.of("index", 3)));

        DownstreamFailedException e = new DownstreamFailedException("2 of 10 chunks failed", details);

        assertThat(e.code()).isEqualTo(ErrorCode.DOWNSTREAM_FAILED);
        assertThat(e.code().status()).isEqualTo(502);
        assertThat(e.details()).isSameAs(details);
        assertThat(e).hasToString("DOWNSTREAM_FAILED: 2 of 10 chunks failed");
        assertThat(ErrorResponse.of(e).error().details()).isSameAs(details);
    }

    @Test
    void deadlineExceeded_504WithTheUnfinishedChunksAsDetails() {
        Map<String, Object> details = Map.of("failed", List.of(Map.of("index", 0)));

        DeadlineExceededException e = new DeadlineExceededException("deadline of 100 ms passed", details);

        assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
        assertThat(e.code().status()).isEqualTo(504);
        assertThat(e.details()).isSameAs(details);
        assertThat(e.toString()).startsWith("DEADLINE_EXCEEDED: ");
    }
}
