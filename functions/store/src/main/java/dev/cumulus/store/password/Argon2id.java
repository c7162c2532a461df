package dev.cumulus.store.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/** Argon2id, version 0x13 (19), the one BouncyCastle call the hasher makes. */
final class Argon2id {

    private Argon2id() {
    }

    static byte[] derive(byte[] password, byte[] salt, Argon2Parameters parameters, int length) {
        var spec = new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters.memoryKiB()).withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism()).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(spec);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
