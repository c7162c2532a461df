package dev.cumulus.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.source.ReadWatch.Breach;

/** The bounds of one read, on a clock the test drives. */
class ReadWatchTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    /** A 60 s deadline, 10 s idle timeout, 1,000 bytes per second over 5 s windows. */
    private ReadWatch watch() {
        return new ReadWatch(now::get, Duration.ofSeconds(60), Duration.ofSeconds(10), 1000, Duration.ofSeconds(5));
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void steadyFastBody_neverBreached() {
        // given
        ReadWatch w = watch();
        w.bodyStarted();

        // when: 2,000 bytes every second for 50 s
        for (int s = 0; s < 50; s++) {
            advance(Duration.ofSeconds(1));
            w.progress(2000);
            assertThat(w.check()).isNull();
        }

        // then
        assertThat(w.breach()).isNull();
    }

    @Test
    void trickleBelowTheRate_tooSlowAfterTheFirstWindow() {
        // given: one byte every 2 s, the slow source seen in the wild
        ReadWatch w = watch();
        w.bodyStarted();

        // when / then: within the first window no verdict (the grace)...
        advance(Duration.ofSeconds(2));
        w.progress(1);
        assertThat(w.check()).isNull();
        advance(Duration.ofSeconds(2));
        w.progress(1);
        assertThat(w.check()).isNull();
        // ...and once the window of 5 s has passed with 3 bytes of the 5,000 needed, the read is too slow
        advance(Duration.ofSeconds(2));
        w.progress(1);
        assertThat(w.check()).isEqualTo(Breach.TOO_SLOW);
    }

    @Test
    void fastThenSlowWindow_tooSlow() {
        ReadWatch w = watch();
        w.bodyStarted();
        advance(Duration.ofSeconds(5));
        w.progress(100_000);
        assertThat(w.check()).isNull(); // first window: 20,000 bytes per second

        // a second window of 4,000 bytes over 5 s (800 per second) is under the rate, though the average is not
        advance(Duration.ofSeconds(5));
        w.progress(4000);
        assertThat(w.check()).isEqualTo(Breach.TOO_SLOW);
    }

    @Test
    void noBytesForTheIdleTimeout_idle() {
        ReadWatch w = watch();

        // 9.999 s without an answer is fine, 10 s is not
        advance(Duration.ofMillis(9999));
        assertThat(w.check()).isNull();
        advance(Duration.ofMillis(1));
        assertThat(w.check()).isEqualTo(Breach.IDLE);
    }

    @Test
    void fastEnoughButEndless_deadline() {
        ReadWatch w = watch();
        w.bodyStarted();

        // 10,000 bytes per second passes every rate check, but 60 s is the whole read's time
        for (int s = 0; s < 59; s++) {
            advance(Duration.ofSeconds(1));
            w.progress(10_000);
            assertThat(w.check()).isNull();
        }
        advance(Duration.ofSeconds(1));
        w.progress(10_000);

        assertThat(w.check()).isEqualTo(Breach.DEADLINE);
    }

    @Test
    void rateOff_slowBodyOnlyBoundByIdleAndDeadline() {
        ReadWatch w = new ReadWatch(now::get, Duration.ofSeconds(60), Duration.ofSeconds(10), 0,
                Duration.ofSeconds(5));
        w.bodyStarted();
        for (int s = 0; s < 20; s++) {
            advance(Duration.ofSeconds(2));
            w.progress(1);
            assertThat(w.check()).isNull();
        }
    }

    @Test
    void abort_runsTheActionOnceAndTheFirstReasonWins() {
        // given
        ReadWatch w = watch();
        AtomicInteger closed = new AtomicInteger();
        w.onAbort(closed::incrementAndGet);

        // when
        w.abort(Breach.CALLER_GONE);
        w.abort(Breach.DEADLINE);
        advance(Duration.ofMinutes(5));

        // then
        assertThat(closed).hasValue(1);
        assertThat(w.breach()).isEqualTo(Breach.CALLER_GONE);
        assertThat(w.check()).isEqualTo(Breach.CALLER_GONE);
    }

    @Test
    void actionSetAfterTheAbort_runsAtOnce() {
        ReadWatch w = watch();
        w.abort(Breach.CALLER_GONE);
        AtomicInteger closed = new AtomicInteger();

        w.onAbort(closed::incrementAndGet);

        assertThat(closed).hasValue(1);
    }
}
