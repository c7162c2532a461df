package dev.cumulus.store.password;

/**
 * The cost of one Argon2id hash: memory in KiB, passes over it, and lanes. The default is OWASP's recommended minimum
 * for Argon2id (19 MiB, 2 passes, 1 lane), about 50 ms on one core. The upper bounds keep a stored hash from asking a
 * function for more memory or time than any deployment of it has.
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {

    public static final Argon2Parameters DEFAULT = new Argon2Parameters(19456, 2, 1);

    /** 1 GiB: more than a Lambda function of the smaller sizes can give a single hash. */
    static final int MAX_MEMORY_KIB = 1 << 20;
    static final int MAX_ITERATIONS = 100;
    static final int MAX_PARALLELISM = 64;

    public Argon2Parameters {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM + ", was " + parallelism);
        }
        // Argon2 needs at least 8 KiB per lane
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException(
                    "memory must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB + " KiB, was " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS + ", was " + iterations);
        }
    }
}
