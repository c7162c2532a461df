package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.cumulus.aggregate.AggregateResult.ChunkError;
import dev.cumulus.aggregate.AggregateResult.ChunkStats;
import dev.cumulus.aggregate.AggregateResult.FailedChunk;
import dev.cumulus.aggregate.run.JobOutcome;
import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.number.ExactSum;

/** Which error a failed job answers: the caller's data (4xx) only when no retry could ever make it succeed. */
class JobErrorRuleTest {

    static ErrorCode codeOf(boolean deadlinePassed, int tolerated, String... codes) {
        Map<Integer, ChunkError> failures = new TreeMap<>();
        List<FailedChunk> failed = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            ChunkError e = new ChunkError(codes[i], "injected");
            failures.put(i, e);
            failed.add(new FailedChunk(i, i * 10L, 10, e));
        }
        JobOutcome outcome = new JobOutcome(ExactSum.EMPTY, new ChunkStats(10, 0, codes.length, 0, 0), failures, true,
                deadlinePassed);
        return AggregateService.errorCode(outcome, failed, tolerated);
    }

    @Test
    void onlyBadNumbers_invalidNumber() {
        assertThat(codeOf(false, 0, "INVALID_NUMBER")).isEqualTo(ErrorCode.INVALID_NUMBER);
        assertThat(codeOf(false, 1, "INVALID_NUMBER", "INVALID_NUMBER")).isEqualTo(ErrorCode.INVALID_NUMBER);
    }

    @Test
    void otherRefusalFirst_itsCode() {
        assertThat(codeOf(false, 0, "INVALID_INPUT", "INVALID_NUMBER")).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void badNumbersAloneMoreThanTolerated_invalidNumberEvenWithTransientFailures() {
        // 2 bad numbers with 1 tolerated: whatever the retry of chunk 1 does, the job cannot succeed
        assertThat(codeOf(false, 1, "INVALID_NUMBER", "DOWNSTREAM_FAILED", "INVALID_NUMBER"))
                .isEqualTo(ErrorCode.INVALID_NUMBER);
    }

    @Test
    void badNumbersWithinToleranceButTransientFailuresBeyond_downstreamFailed() {
        // 1 bad number tolerated; a retry of the job may pass the other chunk
        assertThat(codeOf(false, 1, "INVALID_NUMBER", "SOURCE_UNAVAILABLE")).isEqualTo(ErrorCode.DOWNSTREAM_FAILED);
    }

    @Test
    void transientFailuresOnly_downstreamFailed_orDeadlineExceededWhenLate() {
        assertThat(codeOf(false, 0, "DOWNSTREAM_FAILED")).isEqualTo(ErrorCode.DOWNSTREAM_FAILED);
        assertThat(codeOf(true, 0, "DEADLINE_EXCEEDED")).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
        assertThat(codeOf(false, 0, "CANCELLED", "INTERNAL")).isEqualTo(ErrorCode.DOWNSTREAM_FAILED);
    }
}
