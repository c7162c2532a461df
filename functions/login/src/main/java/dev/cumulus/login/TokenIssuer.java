package dev.cumulus.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.cumulus.store.user.StoredUser;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Issues the access token of a successful login: a JWT signed with RS256 carrying {@code iss}, {@code aud},
 * {@code sub} (the user
 * id, which never changes), {@code upn} and {@code preferred_username} (the username, which MicroProfile JWT reads as
 * the caller's name), {@code iat}, {@code exp} and a unique {@code jti}; its header names the key ({@code kid}).
 */
public final class TokenIssuer {

    private final SigningKey key;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock;

    public TokenIssuer(SigningKey key, String issuer, String audience, Duration lifetime, Clock clock) {
        if (lifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("the token lifetime must be a second or more, got " + lifetime);
        }
        this.key = key;
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("the token audience must not be blank");
        }
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public LoginResponse issue(StoredUser user) {
        // whole seconds: the claims are NumericDates, and expiresIn must match exp - iat exactly
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String token = Jwt.issuer(issuer)
                .audience(audience)
                .subject(user.id().toString())
                .upn(user.username())
                .preferredUserName(user.username())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(lifetime.toSeconds()))
                .claim("jti", UUID.randomUUID().toString())
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(key.keyId())
                .sign(key.privateKey());
        return LoginResponse.bearer(token, lifetime.toSeconds());
    }
}
