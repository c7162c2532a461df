package dev.cumulus.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.cumulus.store.password.Argon2Parameters;
import dev.cumulus.store.password.PasswordHasher;

/**
 * The cost of one Argon2id computation with the production parameters (m=19 MiB, t=2, p=1), on one thread: the time
 * that {@code register} spends per account and {@code login} per attempt, whatever its outcome.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordHashBenchmark {

    static final String PASSWORD = "correct horse battery staple";

    private PasswordHasher hasher;
    private String stored;

    @Setup
    public void setUp() {
        Argon2Parameters parameters = new Argon2Parameters(19 * 1024, 2, 1);
        hasher = new PasswordHasher(parameters, new SecureRandom());
        stored = hasher.hash(PASSWORD);
    }

    /** A new hash with a fresh salt, as {@code register} makes. */
    @Benchmark
    public String hash() {
        return hasher.hash(PASSWORD);
    }

    /** A check of a wrong password against a stored hash, as a failed {@code login} makes. */
    @Benchmark
    public boolean verifyWrongPassword() {
        return hasher.verify("wrong horse battery staple", stored);
    }
}
