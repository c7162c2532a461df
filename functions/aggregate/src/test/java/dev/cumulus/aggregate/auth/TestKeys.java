package dev.cumulus.aggregate.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * An RSA key pair made for a test, and tokens shaped as login issues them (RS256, {@code kid}, {@code iss},
 * {@code aud}, {@code sub}, {@code iat}, {@code exp}, {@code jti}), signed with jose4j: what a test needs to show
 * that aggregate accepts login's tokens and refuses everything else.
 */
public final class TestKeys {

    public static final String ISSUER = "https://accounts.cumulus.test";
    public static final String AUDIENCE = "cumulus-test-services";

    private final KeyPair pair;
    private final String kid;

    private TestKeys(KeyPair pair, String kid) {
        this.pair = pair;
        this.kid = kid;
    }

    public static TestKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new TestKeys(pair,
                    new RsaJsonWebKey((RSAPublicKey) pair.getPublic()).calculateBase64urlEncodedThumbprint("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The JWKS document of the public key, as login serves it. */
    public String jwks() {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        jwk.setKeyId(kid);
        jwk.setUse("sig");
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return "{\"keys\":[" + jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
    }

    public Path writePem(Path dir) {
        try {
            return Files.writeString(dir.resolve("jwt-public-" + kid.substring(0, 8) + ".pem"), publicKeyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token as login issues it, for {@code subject}, valid for 15 minutes from now. */
    public String token(String subject) {
        return token(ISSUER, AUDIENCE, subject, Instant.now());
    }

    public String token(String issuer, String audience, String subject, Instant issuedAt) {
        JwtClaims claims = claims(issuer, audience, subject, issuedAt);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with {@code "alg":"none"} and no signature. */
    public String unsignedToken(String subject) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(ISSUER, AUDIENCE, subject, Instant.now()).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaims claims(String issuer, String audience, String subject, Instant issuedAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        if (subject != null) {
            claims.setSubject(subject);
        }
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(
                NumericDate.fromSeconds(issuedAt.plus(Duration.ofMinutes(15)).getEpochSecond()));
        claims.setClaim("upn", "alice");
        claims.setGeneratedJwtId();
        return claims;
    }
}
