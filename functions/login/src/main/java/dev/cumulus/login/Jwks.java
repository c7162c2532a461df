package dev.cumulus.login;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JWKS document (RFC 7517) of RSA public keys that verify RS256 tokens, each named by its RFC 7638 thumbprint
 * ({@code kid}), as {@code login} signs with it. Also a command that prints the document of public keys in PEM files,
 * for a deployment that publishes it as a file (serverless.yml): {@code bin/cumulus jwks jwt-public.pem}. It uses the
 * JDK alone, so the command runs from this source file without a build
 * ({@code java functions/login/src/main/java/dev/cumulus/login/Jwks.java jwt-public.pem}).
 */
public final class Jwks {

    /** RFC 7518 asks for 2048 bits or more for RS256. */
    static final int MIN_BITS = 2048;

    private static final Pattern PEM = Pattern
            .compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private Jwks() {
    }

    /** {@code bin/cumulus jwks <public-key.pem>...}: the document of every public key in the files, on stdout. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].startsWith("-")) {
            err.println("usage: jwks <public-key.pem>...  (the JWKS document of the RSA public keys, PEM "
                    + "'BEGIN PUBLIC KEY', as 'openssl pkey -in jwt-private.pem -pubout' writes them)");
            return 2;
        }
        List<RSAPublicKey> keys = new ArrayList<>();
        for (String file : args) {
            try {
                keys.addAll(publicKeys(Files.readString(Path.of(file), StandardCharsets.US_ASCII)));
            } catch (IOException | IllegalArgumentException e) {
                err.println("jwks: " + file + ": " + (e instanceof IOException
                        ? "cannot read it (" + e + ")"
                        : e.getMessage()));
                return 1;
            }
        }
        out.println(document(keys));
        return 0;
    }

    /** The document of these keys, in their order, each key once. */
    static String document(List<RSAPublicKey> keys) {
        Map<String, String> byKid = new LinkedHashMap<>();
        for (RSAPublicKey key : keys) {
            byKid.putIfAbsent(thumbprint(key), jwk(key));
        }
        return "{\"keys\":[" + String.join(",", byKid.values()) + "]}";
    }

    /** One key: {@code kty}, {@code use}, {@code alg}, {@code kid}, {@code n}, {@code e}; public members only. */
    static String jwk(RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + thumbprint(key) + "\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}";
    }

    /**
     * The RSA public keys in PEM text ({@code -----BEGIN PUBLIC KEY-----}, one or more blocks). A private key is
     * refused, so that it cannot end up published by mistake.
     */
    static List<RSAPublicKey> publicKeys(String pem) {
        List<RSAPublicKey> keys = new ArrayList<>();
        Matcher m = PEM.matcher(pem.replace("\\n", "\n"));
        while (m.find()) {
            if (m.group(1).contains("PRIVATE")) {
                throw new IllegalArgumentException("holds a private key; give the public key "
                        + "('openssl pkey -in jwt-private.pem -pubout -out jwt-public.pem')");
            }
            if (!m.group(1).equals("PUBLIC KEY")) {
                throw new IllegalArgumentException("holds a " + m.group(1) + ", not a PUBLIC KEY");
            }
            keys.add(publicKey(m.group(2)));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no RSA public key in PEM (-----BEGIN PUBLIC KEY-----)");
        }
        return keys;
    }

    private static RSAPublicKey publicKey(String base64) {
        RSAPublicKey key;
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64);
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | ClassCastException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key in PEM (BEGIN PUBLIC KEY)");
        }
        if (key.getModulus().bitLength() < MIN_BITS) {
            throw new IllegalArgumentException("the RSA key has " + key.getModulus().bitLength()
                    + " bits; RS256 needs at least " + MIN_BITS);
        }
        return key;
    }

    /** RFC 7638: SHA-256 over the required members of the JWK, in lexical order and without spaces. */
    static String thumbprint(RSAPublicKey key) {
        String members = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Unsigned big-endian bytes, base64url without padding (RFC 7518, section 6.3.1). */
    static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
