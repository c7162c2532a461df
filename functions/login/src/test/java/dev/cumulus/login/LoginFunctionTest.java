package dev.cumulus.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cumulus.core.testing.LogCapture;
import dev.cumulus.login.SigningKeyResource.PublicKeyFile;
import dev.cumulus.store.password.Argon2Parameters;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.testing.Accounts;
import dev.cumulus.store.testing.PostgresSchemaResource;
import dev.cumulus.store.user.NewUser;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * The contract of {@code login} over HTTP, against PostgreSQL, with a signing key from a file. Accounts are made in
 * the application's database directly, as {@code register} makes them.
 */
@QuarkusTest
@WithTestResource(PostgresSchemaResource.class)
@WithTestResource(SigningKeyResource.class)
class LoginFunctionTest {

    static final String PASSWORD = "correct horse battery staple";
    static final PasswordHasher HASHER = new PasswordHasher(Argon2Parameters.DEFAULT, new SecureRandom());

    @Accounts
    UserStore accounts;

    @PublicKeyFile
    String publicKey;

    StoredUser account() {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return accounts.create(new NewUser(UUID.randomUUID(), name, null, HASHER.hash(PASSWORD), Instant.now()));
    }

    static ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/login").then();
    }

    static String request(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    static ValidatableResponse error(ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(ContentType.JSON).body("error.code", equalTo(code))
                .body("error.message", notNullValue());
    }

    @Test
    void rightPassword_bearerTokenThatVerifiesWithThePublicKey() throws Exception {
        // given
        StoredUser alice = account();

        // when
        String token = post(request(alice.username().toUpperCase(), PASSWORD))
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .extract().path("accessToken");

        // then
        JWTAuthContextInfo verifier = new JWTAuthContextInfo(publicKey, SigningKeyResource.ISSUER);
        verifier.setExpectedAudience(Set.of(SigningKeyResource.AUDIENCE));
        JsonWebToken jwt = new DefaultJWTParser(verifier).parse(token);
        assertThat(jwt.getSubject()).isEqualTo(alice.id().toString());
        assertThat(jwt.getName()).isEqualTo(alice.username());
        assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime()).isEqualTo(900);
        assertThat(jwt.getAudience()).containsExactly(SigningKeyResource.AUDIENCE);
    }

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwksUrl;

    @Test
    void jwks_publicKeyThatVerifiesLoginsTokensFromItsUrl() throws Exception {
        // given
        StoredUser alice = account();
        String token = post(request(alice.username(), PASSWORD)).statusCode(200).extract().path("accessToken");

        // when: a verifier that knows nothing but the URL, as aggregate does
        JWTAuthContextInfo verifier = new JWTAuthContextInfo(jwksUrl.toString(), SigningKeyResource.ISSUER);
        verifier.setExpectedAudience(Set.of(SigningKeyResource.AUDIENCE));
        JsonWebToken jwt = new DefaultJWTParser(verifier).parse(token);

        // then
        assertThat(jwt.getSubject()).isEqualTo(alice.id().toString());
    }

    @Test
    void jwks_cacheableJsonWithPublicMembersOnly() {
        given().when().get("/.well-known/jwks.json").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", equalTo("public, max-age=300"))
                .body("keys", hasSize(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].kid", notNullValue())
                .body("keys[0].e", equalTo("AQAB"))
                .body("keys[0]", not(hasKey("d")))
                .body("keys[0]", not(hasKey("p")));
    }

    @Test
    void jwks_headWithoutBody_postRefused() {
        given().when().head("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=300"));
        error(given().contentType(ContentType.JSON).body("{}").when().post("/.well-known/jwks.json").then(), 404,
                "NOT_FOUND");
    }

    @Test
    void unknownUserWrongPasswordAndLockedAccount_oneIdentical401() {
        // given
        StoredUser alice = account();
        StoredUser bob = account();
        for (int i = 0; i < 5; i++) {
            post(request(bob.username(), "wrong " + i)).statusCode(401);
        }

        // when
        String unknown = error(post(request("nobody-" + UUID.randomUUID(), PASSWORD)), 401, "INVALID_CREDENTIALS")
                .extract().asString();
        String wrong = error(post(request(alice.username(), "not the password")), 401, "INVALID_CREDENTIALS")
                .extract().asString();
        String locked = error(post(request(bob.username(), PASSWORD)), 401, "INVALID_CREDENTIALS")
                .extract().asString();

        // then
        assertThat(unknown).isEqualTo(wrong).isEqualTo(locked)
                .isEqualTo(
                        "{\"error\":{\"code\":\"INVALID_CREDENTIALS\",\"message\":\"invalid username or password\"}}");
    }

    @Test
    void missingPassword_400NamingTheField() {
        error(post("{\"username\":\"alice\"}"), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("password"));
    }

    @Test
    void missingUsername_400NamingTheField() {
        error(post("{\"password\":\"" + PASSWORD + "\"}"), 400, "INVALID_INPUT")
                .body("error.details.field", equalTo("username"))
                .body(not(containsString(PASSWORD)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"username\":\"alice\",\"password\":\"secret-Zebra-42-horse\"",
            "{\"username\":\"alice\",\"password\":secret-Zebra-42-horse}",
            "{\"username\":\"alice\",\"password\":[\"secret-Zebra-42-horse\"]}",
            "{\"username\":{\"secret-Zebra-42-horse\":1},\"password\":\"x\"}"})
    void malformedJson_400WithoutEchoingThePassword(String body) {
        error(post(body), 400, "INVALID_INPUT").body(not(containsString("secret-Zebra")));
    }

    @Test
    void bodyOverSixteenKilobytes_413() {
        // an account needs a few hundred bytes; the limit keeps a caller from making the function parse megabytes
        error(post("{\"username\":\"alice\",\"password\":\"" + "p".repeat(17 * 1024) + "\"}"), 413,
                "PAYLOAD_TOO_LARGE");
    }

    @Test
    void emptyBody_400() {
        error(given().contentType(ContentType.JSON).when().post("/login").then(), 400, "INVALID_INPUT");
    }

    @Test
    void cloudEvent_answeredAsACloudEvent() {
        StoredUser alice = account();

        given().contentType(ContentType.JSON)
                .header("ce-id", "evt-1")
                .header("ce-specversion", "1.0")
                .header("ce-type", "dev.cumulus.account.login")
                .header("ce-source", "test")
                .body(request(alice.username(), PASSWORD))
                .when().post("/")
                .then()
                .statusCode(200)
                .header("ce-type", "dev.cumulus.account.authenticated")
                .header("ce-source", "login")
                .body("accessToken", notNullValue());
    }

    @Test
    void probes_upAndReadinessChecksTheStore() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("store")));
    }

    @Test
    @DisabledOnIntegrationTest("the packaged application logs in its own process")
    void passwordsAndTokens_neverLogged() {
        StoredUser alice = account();
        try (LogCapture log = LogCapture.open()) {
            // when: a success, a wrong password, an unknown user (who typed a password as the name), bad JSON
            String token = post(request(alice.username(), PASSWORD)).statusCode(200).extract().path("accessToken");
            post(request(alice.username(), "Zebra-secret-9f1c-one")).statusCode(401);
            post(request("Zebra-secret-9f1c-two", "Zebra-secret-9f1c-three")).statusCode(401);
            post("{\"username\":\"" + alice.username() + "\",\"password\":Zebra-secret-9f1c-four}").statusCode(400);

            // then: the refusals were logged, without passwords or the token
            assertThat(log.textAfterRequestLines(4)).contains("reason=wrong-password username=" + alice.username())
                    .contains("reason=unknown-user")
                    .doesNotContain("Zebra-secret").doesNotContain(PASSWORD).doesNotContain(token);
        }
    }
}
