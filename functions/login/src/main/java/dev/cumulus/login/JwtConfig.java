package dev.cumulus.login;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The tokens {@code login} issues: {@code cumulus.jwt.*}. The signing key is a secret: give it through the
 * environment ({@code CUMULUS_JWT_SIGNING_KEY}), AWS Secrets Manager or a mounted file, never in a committed file.
 */
@ConfigMapping(prefix = "cumulus.jwt")
public interface JwtConfig {

    /** The {@code iss} claim; verifiers check it ({@code mp.jwt.verify.issuer}). */
    @WithDefault("cumulus")
    String issuer();

    /**
     * The {@code aud} claim: who the token is meant for. Verifiers check it ({@code mp.jwt.verify.audiences}), so a
     * token issued for one group of services is refused by another that expects its own audience.
     */
    @WithDefault("cumulus")
    String audience();

    /** How long a token is valid; {@code expiresIn} in the answer, in seconds. */
    @WithDefault("15M")
    Duration lifetime();

    /** The RSA private key (2048 bits or more) as PKCS#8 PEM text ({@code -----BEGIN PRIVATE KEY-----}). */
    Optional<String> signingKey();

    /**
     * The name or ARN of an AWS Secrets Manager secret whose value (its {@code SecretString}) is that PEM text, read
     * once at startup; used when {@code signing-key} is unset. Region and credentials come from the environment, as
     * on Lambda ({@code AWS_REGION} and the function's role).
     */
    Optional<String> signingKeySecret();

    /** Another Secrets Manager endpoint than the region's, such as a stub in tests or a VPC endpoint. */
    Optional<URI> secretsManagerEndpoint();

    /**
     * A file holding that PEM text, such as a mounted Kubernetes secret; used when neither {@code signing-key} nor
     * {@code signing-key-secret} is set.
     */
    Optional<String> signingKeyLocation();

    /**
     * Public keys (PEM, one or more {@code BEGIN PUBLIC KEY} blocks) published beside the signing key's in the JWKS
     * document ({@code GET /.well-known/jwks.json}) while a key is rotated: the previous key's, until the last token
     * it signed has expired ({@link #lifetime()} after the switch), so those tokens still verify.
     */
    Optional<String> previousPublicKeys();

    /**
     * Whether a missing key may be replaced by a throwaway key pair made at startup (its public key is logged). On in
     * the {@code local} and {@code test} profiles only: tokens then stop verifying at each restart.
     */
    @WithDefault("false")
    boolean generateMissingKey();
}
