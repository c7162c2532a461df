package dev.cumulus.aggregate.auth;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may call {@code aggregate}: {@code cumulus.aggregate.auth.*}. Tokens are checked by SmallRye JWT, whose
 * {@code mp.jwt.verify.*} keys application.properties fills from these and from login's {@code cumulus.jwt.issuer}
 * and {@code cumulus.jwt.audience}.
 */
@ConfigMapping(prefix = "cumulus.aggregate.auth")
public interface AuthConfig {

    /**
     * Where the public key that verifies login's tokens is: login's JWKS URL
     * ({@code http://login.cumulus.svc.cluster.local/.well-known/jwks.json}), or a file (a mounted secret) holding the
     * key as PEM or a JWKS document. Becomes {@code mp.jwt.verify.publickey.location}.
     */
    Optional<String> publicKeyLocation();

    /**
     * Whether a call without a bearer token is served, as owner {@value Callers#ANONYMOUS}; without a key, every call
     * is. For local runs and tests: never in production.
     */
    @WithDefault("false")
    boolean allowAnonymous();
}
