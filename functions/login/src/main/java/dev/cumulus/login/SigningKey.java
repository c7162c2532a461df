package dev.cumulus.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The RSA key pair that signs tokens (RS256), with what a verifier needs: the public key as PEM and as a JWKS document.
 * The key id ({@code kid}) is the key's RFC 7638 thumbprint, so it is the same wherever the public key is published.
 */
public record SigningKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, String keyId) {

    /** RFC 7518 asks for 2048 bits or more for RS256. */
    public static final int MIN_BITS = Jwks.MIN_BITS;

    public static SigningKey of(RSAPrivateCrtKey privateKey) {
        if (privateKey.getModulus().bitLength() < MIN_BITS) {
            throw new IllegalArgumentException("the RSA key has " + privateKey.getModulus().bitLength()
                    + " bits; RS256 needs at least " + MIN_BITS);
        }
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new SigningKey(privateKey, publicKey, Jwks.thumbprint(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable RSA key", e);
        }
    }

    /** A new key pair, for local runs and tests. */
    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(MIN_BITS);
            return of((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
    }

    /**
     * Reads an RSA private key in PKCS#8 PEM ({@code openssl genpkey} writes it). Line breaks may also be given as
     * the two characters {@code \n}, as environment variables often carry them.
     */
    public static SigningKey fromPem(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("the key is in PKCS#1 form (BEGIN RSA PRIVATE KEY); convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem'");
        }
        if (pem.contains("ENCRYPTED")) {
            throw new IllegalArgumentException("the key is encrypted; give it unencrypted (PKCS#8, BEGIN PRIVATE KEY)");
        }
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replace("\\n", "")
                .replaceAll("\\s", "");
        RSAPrivateCrtKey key;
        try {
            byte[] der = Base64.getDecoder().decode(body);
            key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | ClassCastException | GeneralSecurityException e) {
            // the message of the cause could quote key material: leave it out
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM (BEGIN PRIVATE KEY)");
        }
        return of(key);
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), as {@code mp.jwt.verify.publickey} takes it. */
    public String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** The public key as a JWKS document, as {@code mp.jwt.verify.publickey.location} also takes it. */
    public String jwks() {
        return Jwks.document(List.of(publicKey));
    }

    /** Never the private key. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + keyId + ", bits=" + publicKey.getModulus().bitLength() + "]";
    }
}
