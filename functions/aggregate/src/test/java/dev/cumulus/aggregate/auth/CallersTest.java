package dev.cumulus.aggregate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

import dev.cumulus.core.error.ErrorCode;
import dev.cumulus.core.error.InvalidTokenException;
import dev.cumulus.core.request.IncomingAuthorization;
import dev.cumulus.core.testing.LogCapture;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * {@link Callers} with the SmallRye JWT verifier configured as the extension configures it from
 * {@code mp.jwt.verify.*} (key location, issuer, audience, RS256), on keys made here.
 */
class CallersTest {

    static TestKeys keys;
    static TestKeys otherKeys;

    @TempDir
    static Path dir;

    HttpServer jwksServer;

    @BeforeAll
    static void keys() {
        keys = TestKeys.generate();
        otherKeys = TestKeys.generate();
    }

    @AfterEach
    void stopServer() {
        if (jwksServer != null) {
            jwksServer.stop(0);
        }
    }

    record Config(Optional<String> publicKeyLocation, boolean allowAnonymous) implements AuthConfig {
    }

    static Callers callers(Optional<String> location, boolean allowAnonymous, IncomingAuthorization transport) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(location.orElse("NONE"), TestKeys.ISSUER);
        info.setExpectedAudience(Set.of(TestKeys.AUDIENCE));
        return new Callers(new Config(location, allowAnonymous), new DefaultJWTParser(info), transport);
    }

    static Callers verifying(boolean allowAnonymous) {
        return callers(Optional.of(keys.writePem(dir).toString()), allowAnonymous, Optional::empty);
    }

    static void refused(Callers callers, String authorization) {
        assertThatThrownBy(() -> callers.owner(authorization))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN))
                .hasMessage("a valid bearer token from login is required");
    }

    @Test
    void validToken_ownerIsItsSubject() {
        assertThat(verifying(false).owner("Bearer " + keys.token("user-1"))).isEqualTo("user-1");
    }

    @Test
    void schemeInAnyCase_accepted() {
        assertThat(verifying(false).owner("bearer " + keys.token("user-1"))).isEqualTo("user-1");
        assertThat(verifying(false).owner("BEARER  " + keys.token("user-2") + " ")).isEqualTo("user-2");
    }

    @Test
    void missingToken_refused() {
        Callers callers = verifying(false);

        refused(callers, null);
        refused(callers, "");
        refused(callers, "   ");
    }

    @Test
    void expiredToken_refused() {
        // issued an hour ago with 15 minutes of life: well past the 60 seconds of allowed clock skew
        refused(verifying(false), "Bearer " + keys.token(TestKeys.ISSUER, TestKeys.AUDIENCE, "user-1",
                Instant.now().minusSeconds(3600)));
    }

    @Test
    void tokenOfAnotherKey_refused() {
        refused(verifying(false), "Bearer " + otherKeys.token("user-1"));
    }

    @Test
    void tokenForAnotherAudience_refused() {
        refused(verifying(false), "Bearer " + keys.token(TestKeys.ISSUER, "billing", "user-1", Instant.now()));
    }

    @Test
    void tokenOfAnotherIssuer_refused() {
        refused(verifying(false), "Bearer " + keys.token("someone-else", TestKeys.AUDIENCE, "user-1", Instant.now()));
    }

    @Test
    void unsignedTokenAlgNone_refused() {
        refused(verifying(false), "Bearer " + keys.unsignedToken("user-1"));
    }

    @Test
    void tamperedClaims_refused() {
        String[] parts = keys.token("user-1").split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.replace("user-1", "admin").getBytes(StandardCharsets.UTF_8));

        refused(verifying(false), "Bearer " + parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void tokenWithoutSubjectOrWithOneThatIsNoId_refused() {
        refused(verifying(false), "Bearer " + keys.token(TestKeys.ISSUER, TestKeys.AUDIENCE, null, Instant.now()));
        refused(verifying(false), "Bearer " + keys.token("a b\nc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer garbage", "Bearer a.b.c", "Basic dXNlcjpwYXNz", "Token abc",
            "Bearer two tokens", "Bearer eyJ\u00e9.x.y", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"})
    void garbage_refused(String authorization) {
        refused(verifying(false), authorization);
    }

    @Test
    void headerOverEightKilobytes_refusedUnread() {
        refused(verifying(false), "Bearer " + "a".repeat(Callers.MAX_AUTHORIZATION_LENGTH));
    }

    @Test
    void refusedToken_neverLogged() {
        String token = otherKeys.token("user-1");

        try (LogCapture log = LogCapture.open()) {
            refused(verifying(false), "Bearer " + token);

            assertThat(log.text()).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
        }
    }

    @Test
    void anonymousAllowed_callWithoutTokenIsAnonymous_withAWarningAtStart() {
        try (LogCapture log = LogCapture.open()) {
            // when
            Callers callers = verifying(true);

            // then
            assertThat(callers.owner(null)).isEqualTo(Callers.ANONYMOUS).isEqualTo("anonymous");
            assertThat(log.text()).contains("ANONYMOUS CALLS ALLOWED").contains("never in production");
        }
    }

    @Test
    void anonymousAllowedWithAKey_tokensStillVerified() {
        Callers callers = verifying(true);

        assertThat(callers.owner("Bearer " + keys.token("user-1"))).isEqualTo("user-1");
        // a caller who sends a token means to be someone: a bad one is refused, not taken as anonymous
        refused(callers, "Bearer " + otherKeys.token("user-1"));
    }

    @Test
    void anonymousAllowedWithoutAKey_everyCallerIsAnonymous() {
        try (LogCapture log = LogCapture.open()) {
            Callers callers = callers(Optional.empty(), true, Optional::empty);

            assertThat(callers.owner(null)).isEqualTo(Callers.ANONYMOUS);
            assertThat(callers.owner("Bearer " + keys.token("user-1"))).isEqualTo(Callers.ANONYMOUS);
            assertThat(log.text()).contains("every caller is owner 'anonymous'; never in production");
        }
    }

    @Test
    void noKeyAndNoAnonymousCalls_refusesToStart() {
        assertThatThrownBy(() -> callers(Optional.empty(), false, Optional::empty))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cumulus.aggregate.auth.public-key-location")
                .hasMessageContaining("CUMULUS_AGGREGATE_AUTH_PUBLIC_KEY_LOCATION");
        assertThatThrownBy(() -> callers(Optional.of(" "), false, Optional::empty))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void keyFileThatIsNotThere_refusesToStart() {
        assertThatThrownBy(() -> callers(Optional.of(dir.resolve("missing.pem").toString()), false, Optional::empty))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("missing.pem");
    }

    @Test
    void jwksFile_verifies() throws IOException {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), keys.jwks());

        assertThat(callers(Optional.of(jwks.toString()), false, Optional::empty).owner("Bearer " + keys.token("u-7")))
                .isEqualTo("u-7");
    }

    @Test
    void jwksUrlOnLoopback_verifiesAndIsFetchedOnce() throws IOException {
        // given: login's JWKS served on 127.0.0.1
        AtomicInteger fetches = new AtomicInteger();
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = keys.jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwksServer.start();
        String url = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json";
        Callers callers = callers(Optional.of(url), false, Optional::empty);

        // when
        String first = callers.owner("Bearer " + keys.token("user-1"));
        String second = callers.owner("Bearer " + keys.token("user-2"));

        // then
        assertThat(first).isEqualTo("user-1");
        assertThat(second).isEqualTo("user-2");
        assertThat(fetches).hasValue(1);
        refused(callers, "Bearer " + otherKeys.token("user-1"));
    }

    @Test
    void jwksUrlNobodyServes_tokenRefused() {
        Callers callers = callers(Optional.of("http://127.0.0.1:9/.well-known/jwks.json"), false, Optional::empty);

        refused(callers, "Bearer " + keys.token("user-1"));
    }

    @Test
    void ownerOfCall_theTransportsHeaderWinsOverTheEventsField() {
        Callers callers = callers(Optional.of(keys.writePem(dir).toString()), false,
                () -> Optional.of("Bearer " + keys.token("from-header")));

        assertThat(callers.ownerOfCall("Bearer " + keys.token("from-event"))).isEqualTo("from-header");
    }

    @Test
    void ownerOfCall_withoutHeaders_theEventsField() {
        // on Lambda: API Gateway copies the Authorization header into the event's authorization field
        Callers callers = verifying(false);

        assertThat(callers.ownerOfCall("Bearer " + keys.token("from-event"))).isEqualTo("from-event");
        refused(callers, null);
    }
}
