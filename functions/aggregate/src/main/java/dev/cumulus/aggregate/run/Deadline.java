package dev.cumulus.aggregate.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The moment a job must be answered by; every call and retry gets at most the time left. */
public record Deadline(Clock clock, Instant at) {

    public static Deadline after(Clock clock, Duration timeout) {
        return new Deadline(clock, clock.instant().plus(timeout));
    }

    /** The time left, zero or negative once passed. */
    public Duration remaining() {
        return Duration.between(clock.instant(), at);
    }

    public boolean passed() {
        return !clock.instant().isBefore(at);
    }
}
