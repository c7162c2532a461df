package dev.cumulus.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.store.user.StoredUser;

/**
 * The JWKS document, built in process and by the command that deployments use ({@code bin/cumulus jwks}), verifies
 * the tokens login issues, checked with jose4j: another library than the one that signs them.
 */
class JwksTest {

    static final String ISSUER = "https://accounts.cumulus.test";
    static final String AUDIENCE = "cumulus-services";
    static SigningKey key;
    static SigningKey next;

    @TempDir
    Path dir;

    final StoredUser alice = new StoredUser(UUID.randomUUID(), "alice", null, "$argon2id$...",
            Instant.parse("2025-01-01T00:00:00Z"), 0, null);

    @BeforeAll
    static void keys() {
        key = SigningKey.generate();
        next = SigningKey.generate();
    }

    String token(SigningKey signer) {
        return new TokenIssuer(signer, ISSUER, AUDIENCE, Duration.ofMinutes(15), new MutableClock(Instant.now()))
                .issue(alice).accessToken();
    }

    static JwtClaims verify(String token, String jwks) throws Exception {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer(ISSUER).setExpectedAudience(AUDIENCE).setRequireExpirationTime().build();
        return consumer.processToClaims(token);
    }

    /** Runs the command as {@code bin/cumulus jwks} does; its exit status, stdout and stderr. */
    record Run(int status, String out, String err) {
    }

    static Run command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Jwks.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void signingKeysJwks_verifiesItsTokens() throws Exception {
        assertThat(verify(token(key), key.jwks()).getSubject()).isEqualTo(alice.id().toString());
    }

    @Test
    void document_publicMembersOnlyNamedByKid() throws Exception {
        JsonNode jwk = new ObjectMapper().readTree(key.jwks()).path("keys").get(0);

        assertThat(jwk.path("kty").asText()).isEqualTo("RSA");
        assertThat(jwk.path("use").asText()).isEqualTo("sig");
        assertThat(jwk.path("alg").asText()).isEqualTo("RS256");
        assertThat(jwk.path("kid").asText()).isEqualTo(key.keyId());
        assertThat(jwk.path("e").asText()).isEqualTo("AQAB");
        assertThat(iterable(jwk.fieldNames())).containsExactlyInAnyOrder("kty", "use", "alg", "kid", "n", "e");
    }

    @Test
    void command_publicKeyPem_jwksThatVerifiesLoginsTokens() throws Exception {
        // given
        Path pem = Files.writeString(dir.resolve("jwt-public.pem"), key.publicKeyPem());

        // when
        Run run = command(pem.toString());

        // then
        assertThat(run.status()).isZero();
        assertThat(run.out().trim()).isEqualTo(key.jwks());
        assertThat(verify(token(key), run.out()).getSubject()).isEqualTo(alice.id().toString());
    }

    @Test
    void command_twoKeysOfARotation_bothTokensVerifyAndEachKeyOnce() throws Exception {
        Path old = Files.writeString(dir.resolve("old.pem"), key.publicKeyPem());
        Path both = Files.writeString(dir.resolve("both.pem"), next.publicKeyPem() + key.publicKeyPem());

        Run run = command(both.toString(), old.toString());

        assertThat(run.status()).isZero();
        assertThat(new JsonWebKeySet(run.out()).getJsonWebKeys()).hasSize(2);
        assertThat(verify(token(key), run.out()).getSubject()).isEqualTo(alice.id().toString());
        assertThat(verify(token(next), run.out()).getSubject()).isEqualTo(alice.id().toString());
    }

    @Test
    void tokenOfAKeyNotInTheDocument_refused() {
        assertThatThrownBy(() -> verify(token(next), key.jwks())).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void command_privateKey_refusedWithoutPrintingIt() throws Exception {
        String privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(key.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path file = Files.writeString(dir.resolve("jwt-private.pem"), privatePem);

        Run run = command(file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("private key").contains("-pubout").doesNotContain(privatePem.substring(40, 80));
    }

    @Test
    void command_noKeyInTheFile_refused() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.pem"), "not a key\n");

        Run run = command(file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("no RSA public key");
    }

    @Test
    void command_missingFileOrNoArguments_refused() {
        assertThat(command(dir.resolve("missing.pem").toString()).status()).isEqualTo(1);
        assertThat(command().status()).isEqualTo(2);
        assertThat(command().err()).startsWith("usage: jwks");
    }

    @Test
    void publicKeys_escapedLineBreaksAsInEnvironmentVariables() {
        String escaped = key.publicKeyPem().replace("\n", "\\n");

        assertThat(Jwks.publicKeys(escaped)).hasSize(1);
        assertThat(Jwks.thumbprint(Jwks.publicKeys(escaped).get(0))).isEqualTo(key.keyId());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
