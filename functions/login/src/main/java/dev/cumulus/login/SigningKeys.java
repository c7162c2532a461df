package dev.cumulus.login;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.cumulus.core.token.PublishedKeys;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Finds the signing key at startup: {@code cumulus.jwt.signing-key}, else the AWS Secrets Manager secret
 * {@code cumulus.jwt.signing-key-secret} (read once), else the file at {@code cumulus.jwt.signing-key-location}, else (only where {@code cumulus.jwt.generate-missing-key} is on: the
 * {@code local} and {@code test} profiles) a throwaway key pair whose public key is logged once. Without any of them
 * the application does not start, rather than fail at the first login.
 */
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    static final String MISSING = "No JWT signing key: set cumulus.jwt.signing-key (environment variable "
            + "CUMULUS_JWT_SIGNING_KEY) to an RSA private key of 2048 bits or more in PKCS#8 PEM, "
            + "cumulus.jwt.signing-key-secret (CUMULUS_JWT_SIGNING_KEY_SECRET) to the name or ARN of an AWS Secrets "
            + "Manager secret holding one, or cumulus.jwt.signing-key-location to a file holding one "
            + "(see docs/tokens.md)";

    @Produces
    @Singleton
    @Startup
    SigningKey signingKey(JwtConfig config) {
        SigningKey key = load(config);
        LOG.infof("tokens are signed with RS256 key kid=%s", key.keyId());
        return key;
    }

    /**
     * What verifiers need: the signing key's public key, and the previous keys' during a rotation
     * ({@code cumulus.jwt.previous-public-keys}), as the JWKS document the HTTP flavour serves.
     */
    @Produces
    @Singleton
    @Startup
    PublishedKeys publishedKeys(SigningKey key, JwtConfig config) {
        String jwks = publish(key, config.previousPublicKeys());
        return () -> jwks;
    }

    static String publish(SigningKey key, Optional<String> previous) {
        List<RSAPublicKey> keys = new ArrayList<>(List.of(key.publicKey()));
        if (previous.isPresent() && !previous.get().isBlank()) {
            try {
                keys.addAll(Jwks.publicKeys(previous.get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("invalid cumulus.jwt.previous-public-keys: " + e.getMessage());
            }
            LOG.infof("publishing %d previous public key(s) beside the signing key's", keys.size() - 1);
        }
        return Jwks.document(keys);
    }

    static SigningKey load(JwtConfig config) {
        return load(config, SecretsManagerKeys.fromEnvironment(config.secretsManagerEndpoint()));
    }

    static SigningKey load(JwtConfig config, SecretsManagerKeys secrets) {
        if (config.signingKey().isPresent()) {
            return parse(config.signingKey().get(), "cumulus.jwt.signing-key");
        }
        if (config.signingKeySecret().isPresent()) {
            String secret = config.signingKeySecret().get();
            SigningKey key = parse(secrets.read(secret),
                    "the secret " + secret + " (cumulus.jwt.signing-key-secret)");
            LOG.infof("read the JWT signing key from AWS Secrets Manager secret %s", secret);
            return key;
        }
        if (config.signingKeyLocation().isPresent()) {
            Path file = Path.of(config.signingKeyLocation().get());
            try {
                return parse(Files.readString(file), "the file " + file + " (cumulus.jwt.signing-key-location)");
            } catch (IOException e) {
                throw new ConfigurationException(
                        "cannot read the JWT signing key from " + file + " (cumulus.jwt.signing-key-location): " + e);
            }
        }
        if (config.generateMissingKey()) {
            SigningKey key = SigningKey.generate();
            LOG.infof("No JWT signing key is configured: signing with a throwaway key pair that lasts until this "
                    + "process stops. Verify its tokens with this public key (kid %s):%n%s", key.keyId(),
                    key.publicKeyPem());
            return key;
        }
        throw new ConfigurationException(MISSING);
    }

    private static SigningKey parse(String pem, String source) {
        try {
            return SigningKey.fromPem(pem);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("invalid JWT signing key in " + source + ": " + e.getMessage());
        }
    }
}
