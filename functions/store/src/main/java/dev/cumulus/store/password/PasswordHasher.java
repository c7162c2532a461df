package dev.cumulus.store.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Hashes and checks passwords with Argon2id (BouncyCastle, pure Java). A hash is a PHC string carrying its own salt
 * and parameters, so hashes made with older parameters still verify, and {@link #needsRehash} tells when to replace
 * one. Passwords are encoded as UTF-8. Thread-safe.
 */
public final class PasswordHasher {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final Argon2Parameters parameters;
    private final SecureRandom random;
    private final KeyDerivation argon2;
    // made on first use: register never needs it, and it costs one hash
    private final PhcHash dummy;

    public PasswordHasher(Argon2Parameters parameters, SecureRandom random) {
        this(parameters, random, Argon2id::derive);
    }

    /**
     * With the Argon2id computation given, so that a test can count the computations a login makes (one for every
     * answer, whatever the reason of a refusal).
     */
    public PasswordHasher(Argon2Parameters parameters, SecureRandom random, KeyDerivation argon2) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.random = Objects.requireNonNull(random, "random");
        this.argon2 = Objects.requireNonNull(argon2, "argon2");
        // random bytes in the place of a derived hash: a verification against it costs one Argon2id computation with
        // the current parameters, as against a real hash, and no password matches it; nothing is derived to make it
        this.dummy = new PhcHash(parameters, randomBytes(SALT_BYTES), randomBytes(HASH_BYTES));
    }

    /** One Argon2id computation: {@code length} bytes derived from the password and the salt. */
    @FunctionalInterface
    public interface KeyDerivation {
        byte[] derive(byte[] password, byte[] salt, Argon2Parameters parameters, int length);

        /** BouncyCastle's Argon2id, version 19: what the hasher uses unless told otherwise. */
        static KeyDerivation argon2id() {
            return Argon2id::derive;
        }
    }

    public Argon2Parameters parameters() {
        return parameters;
    }

    /** A new PHC string for this password, with a fresh 16-byte salt and the current parameters. */
    public String hash(String password) {
        return hash(utf8(password));
    }

    /**
     * Whether the password matches the stored PHC string. A string that is not an Argon2id PHC hash never matches; it
     * still costs the time of a check, and it never throws.
     */
    public boolean verify(String password, String phc) {
        Optional<PhcHash> stored = PhcHash.parse(phc);
        if (stored.isEmpty()) {
            verifyDummy(password);
            return false;
        }
        return matches(utf8(password), stored.get());
    }

    /** Whether a stored hash was made with other parameters than the current ones (or is no hash we can read). */
    public boolean needsRehash(String phc) {
        return PhcHash.parse(phc).map(stored -> !stored.parameters().equals(parameters)
                || stored.hash().length != HASH_BYTES || stored.salt().length != SALT_BYTES).orElse(true);
    }

    /**
     * Spends the time of a {@link #verify} against a fixed hash in the current parameters, so that a login for an
     * unknown username takes as long as one for a known username.
     */
    public void verifyDummy(String password) {
        matches(utf8(password), dummy);
    }

    private String hash(byte[] password) {
        try {
            byte[] salt = randomBytes(SALT_BYTES);
            return new PhcHash(parameters, salt, argon2.derive(password, salt, parameters, HASH_BYTES)).encode();
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private boolean matches(byte[] password, PhcHash stored) {
        try {
            byte[] expected = stored.hash();
            byte[] actual = argon2.derive(password, stored.salt(), stored.parameters(), expected.length);
            return MessageDigest.isEqual(actual, expected);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * NFKC first, as NIST SP 800-63B asks, so that a password typed with another keyboard or input method (a
     * composed or decomposed accent, a full-width letter) still matches the one that was registered.
     */
    private static byte[] utf8(String password) {
        return Normalizer.normalize(Objects.requireNonNull(password, "password"), Normalizer.Form.NFKC)
                .getBytes(StandardCharsets.UTF_8);
    }
}
