package dev.cumulus.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cumulus.store.user.StoredUser;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/** Tokens verified the way docs/tokens.md tells a consumer to: smallrye-jwt with the public key PEM or JWKS. */
class TokenIssuerTest {

    static final String ISSUER = "https://accounts.cumulus.test";
    static final String AUDIENCE = "cumulus-services";
    static SigningKey key;
    static SigningKey otherKey;

    @TempDir
    static Path dir;

    final StoredUser alice = new StoredUser(UUID.randomUUID(), "alice", null, "$argon2id$...",
            Instant.parse("2025-01-01T00:00:00Z"), 0, null);

    @BeforeAll
    static void keys() {
        key = SigningKey.generate();
        otherKey = SigningKey.generate();
    }

    static TokenIssuer issuer(SigningKey key, Instant now) {
        return new TokenIssuer(key, ISSUER, AUDIENCE, Duration.ofMinutes(15), new MutableClock(now));
    }

    static JsonWebToken verify(String token, String publicKeyFile) throws ParseException {
        return verify(token, publicKeyFile, AUDIENCE);
    }

    /** As a service verifies: signature, issuer, expiry and its own audience ({@code mp.jwt.verify.audiences}). */
    static JsonWebToken verify(String token, String publicKeyFile, String audience) throws ParseException {
        JWTAuthContextInfo info = new JWTAuthContextInfo(publicKeyFile, ISSUER);
        info.setExpectedAudience(Set.of(audience));
        return new DefaultJWTParser(info).parse(token);
    }

    static String write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    @Test
    void token_verifiesWithThePemAndCarriesTheClaims() throws Exception {
        // given
        Instant now = Instant.now();

        // when
        LoginResponse answer = issuer(key, now).issue(alice);

        // then
        assertThat(answer.tokenType()).isEqualTo("Bearer");
        assertThat(answer.expiresIn()).isEqualTo(900);
        JsonWebToken jwt = verify(answer.accessToken(), write("public.pem", key.publicKeyPem()));
        assertThat(jwt.getIssuer()).isEqualTo(ISSUER);
        assertThat(jwt.getAudience()).containsExactly(AUDIENCE);
        assertThat(jwt.getSubject()).isEqualTo(alice.id().toString());
        assertThat(jwt.getName()).isEqualTo("alice");
        assertThat((String) jwt.getClaim("upn")).isEqualTo("alice");
        assertThat((String) jwt.getClaim("preferred_username")).isEqualTo("alice");
        assertThat(jwt.getIssuedAtTime()).isEqualTo(now.getEpochSecond());
        assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime()).isEqualTo(answer.expiresIn());
        assertThat(UUID.fromString(jwt.getTokenID())).isNotNull();
    }

    @Test
    void header_namesRs256AndTheKeyId() {
        String token = issuer(key, Instant.now()).issue(alice).accessToken();

        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);

        assertThat(header).contains("\"alg\":\"RS256\"").contains("\"kid\":\"" + key.keyId() + "\"");
    }

    @Test
    void token_verifiesWithTheJwks() throws Exception {
        String token = issuer(key, Instant.now()).issue(alice).accessToken();

        JsonWebToken jwt = verify(token, write("jwks.json", key.jwks()));

        assertThat(jwt.getSubject()).isEqualTo(alice.id().toString());
    }

    @Test
    void twoTokens_differentIds() throws Exception {
        TokenIssuer issuer = issuer(key, Instant.now());
        String pem = write("public.pem", key.publicKeyPem());

        assertThat(verify(issuer.issue(alice).accessToken(), pem).getTokenID())
                .isNotEqualTo(verify(issuer.issue(alice).accessToken(), pem).getTokenID());
    }

    @Test
    void tokenOfAnotherKey_refused() throws Exception {
        String token = issuer(otherKey, Instant.now()).issue(alice).accessToken();
        String pem = write("public.pem", key.publicKeyPem());

        assertThatThrownBy(() -> verify(token, pem)).isInstanceOf(ParseException.class);
    }

    @Test
    void expiredToken_refused() throws Exception {
        // issued an hour ago with 15 minutes of life: well past the verifier's 60 seconds of allowed skew
        String token = issuer(key, Instant.now().minus(Duration.ofHours(1))).issue(alice).accessToken();
        String pem = write("public.pem", key.publicKeyPem());

        assertThatThrownBy(() -> verify(token, pem)).isInstanceOf(ParseException.class);
    }

    @Test
    void tokenOfAnotherIssuer_refused() throws Exception {
        String token = new TokenIssuer(key, "someone-else", AUDIENCE, Duration.ofMinutes(15),
                new MutableClock(Instant.now()))
                .issue(alice).accessToken();
        String pem = write("public.pem", key.publicKeyPem());

        assertThatThrownBy(() -> verify(token, pem)).isInstanceOf(ParseException.class);
    }

    @Test
    void tokenForAnotherAudience_refused() throws Exception {
        String token = issuer(key, Instant.now()).issue(alice).accessToken();
        String pem = write("public.pem", key.publicKeyPem());

        assertThatThrownBy(() -> verify(token, pem, "billing")).isInstanceOf(ParseException.class);
    }

    @Test
    void blankAudience_refusedOnEntry() {
        assertThatThrownBy(() -> new TokenIssuer(key, ISSUER, " ", Duration.ofMinutes(15),
                new MutableClock(Instant.now()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tamperedClaims_refused() throws Exception {
        String[] parts = issuer(key, Instant.now()).issue(alice).accessToken().split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"alice\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));
        String pem = write("public.pem", key.publicKeyPem());

        assertThatThrownBy(() -> verify(parts[0] + "." + forged + "." + parts[2], pem))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void lifetimeUnderASecond_refusedOnEntry() {
        assertThatThrownBy(
                () -> new TokenIssuer(key, ISSUER, AUDIENCE, Duration.ofMillis(500), new MutableClock(Instant.now())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
