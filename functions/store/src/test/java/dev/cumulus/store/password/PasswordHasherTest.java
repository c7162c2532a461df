package dev.cumulus.store.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    /** Cheap parameters, so the cases that do not depend on the cost run fast. */
    private static final Argon2Parameters CHEAP = new Argon2Parameters(64, 1, 1);

    /**
     * The reference implementation's Argon2id vector (phc-winner-argon2, also in RustCrypto's argon2 tests):
     * password "password", salt "somesalt", m=65536, t=2, p=1.
     */
    private static final String REFERENCE = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$"
            + "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    private final PasswordHasher cheap = new PasswordHasher(CHEAP, new SecureRandom());

    @Test
    void hash_defaultParameters_isAPhcStringCarryingThem() {
        PasswordHasher hasher = new PasswordHasher(Argon2Parameters.DEFAULT, new SecureRandom());

        String phc = hasher.hash("correct horse battery staple");

        // 16 bytes of salt and 32 of hash are 22 and 43 Base64 characters without padding
        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("correct horse battery staple", phc)).isTrue();
        assertThat(hasher.needsRehash(phc)).isFalse();
    }

    @Test
    void verify_rightAndWrongPassword() {
        String phc = cheap.hash("s3cret-Pässword");

        assertThat(cheap.verify("s3cret-Pässword", phc)).isTrue();
        assertThat(cheap.verify("s3cret-Password", phc)).isFalse();
        assertThat(cheap.verify("", phc)).isFalse();
    }

    @Test
    void hash_samePasswordTwice_givesDifferentSalts() {
        assertThat(cheap.hash("same")).isNotEqualTo(cheap.hash("same"));
    }

    @Test
    void verify_passwordTypedInAnotherUnicodeForm_matches() {
        // given: registered with a composed "é" (U+00E9) and full-width digits
        String phc = cheap.hash("caf\u00e9 \uff11\uff12\uff13 horse battery");

        // when / then: typed with "e" + combining acute (U+0301) and ASCII digits, it is the same password after NFKC
        assertThat(cheap.verify("cafe\u0301 123 horse battery", phc)).isTrue();
        assertThat(cheap.verify("cafe 123 horse battery", phc)).isFalse();
    }

    @Test
    void verify_referenceVector_matchesOnlyItsPassword() {
        // the stored parameters, not the hasher's, decide how the check is computed
        assertThat(cheap.verify("password", REFERENCE)).isTrue();
        assertThat(cheap.verify("passwore", REFERENCE)).isFalse();
    }

    @Test
    void rfc9106Argon2idVector_isWhatBouncyCastleComputes() {
        // RFC 9106, section 5.3: the hasher relies on this generator for type id, version 0x13
        var parameters = new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(32)
                .withIterations(3).withParallelism(4).withSalt(filled(16, 0x02)).withSecret(filled(8, 0x03))
                .withAdditional(filled(12, 0x04)).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] tag = new byte[32];

        generator.generateBytes(filled(32, 0x01), tag);

        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not a hash", "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
            // Argon2i and Argon2d are other algorithms
            "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            // version 16, or none
            "$argon2id$v=16$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            // parameters out of order, out of range, or not numbers
            "$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=4,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=x,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            // Base64 that is padded, not Base64, or too short for a salt or a hash
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$c29t!XNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$c29t$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1a",
            // a field too many or too few
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc$",
            "$argon2id$v=19$m=65536,t=2,p=1$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"})
    void verify_malformedHash_isAFailureNotAnException(String phc) {
        assertThat(cheap.verify("password", phc)).isFalse();
        assertThat(cheap.needsRehash(phc)).isTrue();
    }

    @Test
    void needsRehash_otherParameters_isTrue() {
        String current = cheap.hash("pw");
        String moreMemory = new PasswordHasher(new Argon2Parameters(128, 1, 1), new SecureRandom()).hash("pw");
        String morePasses = new PasswordHasher(new Argon2Parameters(64, 2, 1), new SecureRandom()).hash("pw");
        String moreLanes = new PasswordHasher(new Argon2Parameters(64, 1, 2), new SecureRandom()).hash("pw");

        assertThat(cheap.needsRehash(current)).isFalse();
        assertThat(cheap.needsRehash(moreMemory)).isTrue();
        assertThat(cheap.needsRehash(morePasses)).isTrue();
        assertThat(cheap.needsRehash(moreLanes)).isTrue();
        // an 8-byte salt is valid but not what this hasher makes
        assertThat(new PasswordHasher(new Argon2Parameters(65536, 2, 1), new SecureRandom()).needsRehash(REFERENCE))
                .isTrue();
    }

    @Test
    void verifyDummy_oneComputationEachTime_againstAHashMadeOfRandomBytesWithoutDerivingIt() {
        // given: a random source that counts the bytes drawn from it, and a derivation that counts its calls
        AtomicInteger drawn = new AtomicInteger();
        SecureRandom counting = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                drawn.addAndGet(bytes.length);
                super.nextBytes(bytes);
            }
        };
        AtomicInteger derived = new AtomicInteger();
        PasswordHasher hasher = new PasswordHasher(CHEAP, counting, (password, salt, parameters, length) -> {
            derived.incrementAndGet();
            assertThat(parameters).isEqualTo(CHEAP);
            return PasswordHasher.KeyDerivation.argon2id().derive(password, salt, parameters, length);
        });

        // then: the dummy is a salt and a hash of random bytes, drawn once, with nothing derived
        assertThat(drawn.get()).isEqualTo(PasswordHasher.SALT_BYTES + PasswordHasher.HASH_BYTES);
        assertThat(derived.get()).isZero();

        // when: two refusals spend their time against it
        hasher.verifyDummy("guess");
        hasher.verifyDummy("another guess");

        // then: one computation each, in the current parameters, and nothing more drawn
        assertThat(derived.get()).isEqualTo(2);
        assertThat(drawn.get()).isEqualTo(PasswordHasher.SALT_BYTES + PasswordHasher.HASH_BYTES);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
