package dev.cumulus.store.password;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id hash in the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in
 * standard Base64 without padding. Parsing is strict: anything else is no hash at all.
 */
final class PhcHash {

    static final int MIN_SALT_BYTES = 8;
    static final int MAX_SALT_BYTES = 64;
    static final int MIN_HASH_BYTES = 16;
    static final int MAX_HASH_BYTES = 64;

    private static final Pattern PARAMETERS = Pattern.compile("m=(\\d{1,8}),t=(\\d{1,8}),p=(\\d{1,8})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final Argon2Parameters parameters;
    private final byte[] salt;
    private final byte[] hash;

    PhcHash(Argon2Parameters parameters, byte[] salt, byte[] hash) {
        this.parameters = parameters;
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    Argon2Parameters parameters() {
        return parameters;
    }

    byte[] salt() {
        return salt.clone();
    }

    byte[] hash() {
        return hash.clone();
    }

    String encode() {
        return "$argon2id$v=19$m=" + parameters.memoryKiB() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    static Optional<PhcHash> parse(String phc) {
        if (phc == null) {
            return Optional.empty();
        }
        String[] fields = phc.split("\\$", -1);
        if (fields.length != 6 || !fields[0].isEmpty() || !"argon2id".equals(fields[1]) || !"v=19".equals(fields[2])) {
            return Optional.empty();
        }
        Matcher params = PARAMETERS.matcher(fields[3]);
        if (!params.matches() || fields[4].contains("=") || fields[5].contains("=")) {
            return Optional.empty();
        }
        try {
            Argon2Parameters parameters = new Argon2Parameters(Integer.parseInt(params.group(1)),
                    Integer.parseInt(params.group(2)), Integer.parseInt(params.group(3)));
            byte[] salt = DECODER.decode(fields[4]);
            byte[] hash = DECODER.decode(fields[5]);
            if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES || hash.length < MIN_HASH_BYTES
                    || hash.length > MAX_HASH_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new PhcHash(parameters, salt, hash));
        } catch (IllegalArgumentException e) {
            // out-of-range parameters or a character outside the Base64 alphabet
            return Optional.empty();
        }
    }
}
