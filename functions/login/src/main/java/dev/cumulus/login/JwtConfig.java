package dev.cumulus.login;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The tokens {@code login} issues: {@code cumulus.jwt.*}. The signing key is a secret: give it through the
 * environment ({@code CUMULUS_JWT_SIGNING_KEY}) or a mounted file, never in a committed file.
 */
@ConfigMapping(prefix = "cumulus.jwt")
public interface JwtConfig {

    /** The {@code iss} claim; verifiers check it ({@code mp.jwt.verify.issuer}). */
    @WithDefault("cumulus")
    String issuer();

    /** How long a token is valid; {@code expiresIn} in the answer, in seconds. */
    @WithDefault("15M")
    Duration lifetime();

    /** The RSA private key (2048 bits or more) as PKCS#8 PEM text ({@code -----BEGIN PRIVATE KEY-----}). */
    Optional<String> signingKey();

    /** A file holding that PEM text, such as a mounted Kubernetes secret; used when {@code signing-key} is unset. */
    Optional<String> signingKeyLocation();

    /**
     * Whether a missing key may be replaced by a throwaway key pair made at startup (its public key is logged). On in
     * the {@code local} and {@code test} profiles only: tokens then stop verifying at each restart.
     */
    @WithDefault("false")
    boolean generateMissingKey();
}
