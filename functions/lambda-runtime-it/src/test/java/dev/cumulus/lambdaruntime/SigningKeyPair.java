package dev.cumulus.lambdaruntime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An RSA key pair made for one test run: login gets the private key as PKCS#8 PEM text
 * ({@code CUMULUS_JWT_SIGNING_KEY}), the test checks the tokens' RS256 signatures with the public key.
 */
final class SigningKeyPair {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair keys;

    private SigningKeyPair(KeyPair keys) {
        this.keys = keys;
    }

    static SigningKeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new SigningKeyPair(generator.generateKeyPair());
    }

    /** The private key as {@code openssl genpkey} writes it. */
    String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The header of a JWS compact token whose RS256 signature this key pair made; fails the test otherwise. */
    JsonNode verifiedHeader(String token) throws GeneralSecurityException, IOException {
        String[] parts = parts(token);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new AssertionError("the token's signature is not of this key pair: " + parts[0]);
        }
        return decode(parts[0]);
    }

    /** The claims of a token, once {@link #verifiedHeader} has accepted it. */
    static JsonNode claims(String token) throws IOException {
        return decode(parts(token)[1]);
    }

    private static String[] parts(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWS compact token: " + parts.length + " parts");
        }
        return parts;
    }

    private static JsonNode decode(String part) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }
}
