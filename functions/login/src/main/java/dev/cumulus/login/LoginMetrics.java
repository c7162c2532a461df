package dev.cumulus.login;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of {@code login}: attempts by outcome, and accounts locked. A tag is one of a fixed set of words, never a
 * username or anything else the caller sent. The counters are made once, so counting builds no tags.
 */
final class LoginMetrics {

    /** How an attempt ended; the tag value is {@link #tag}. */
    enum Outcome {
        SUCCESS("success"), UNKNOWN_USER("refused-unknown-user"), WRONG_PASSWORD("refused-wrong-password"), LOCKED(
                "locked");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final Map<Outcome, Counter> attempts = new EnumMap<>(Outcome.class);
    private final Counter lockouts;

    LoginMetrics(MeterRegistry registry) {
        for (Outcome o : Outcome.values()) {
            attempts.put(o, Counter.builder("cumulus.login.attempts")
                    .description("Logins checked, by outcome (locked: refused because the account is locked)")
                    .tag("outcome", o.tag).register(registry));
        }
        lockouts = Counter.builder("cumulus.login.lockouts")
                .description("Accounts locked by a wrong password that reached the threshold").register(registry);
    }

    void attempt(Outcome outcome) {
        attempts.get(outcome).increment();
    }

    void lockedOut() {
        lockouts.increment();
    }
}
