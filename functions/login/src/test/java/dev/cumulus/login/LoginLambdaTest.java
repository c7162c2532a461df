package dev.cumulus.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.LogCapture;
import dev.cumulus.store.testing.Accounts;
import dev.cumulus.store.testing.DynamoDbLocalResource;
import dev.cumulus.store.user.NewUser;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The Lambda flavour ({@code -Plambda}), on DynamoDB Local: events go through Quarkus' mock Lambda event server, which
 * the function polls through the Runtime API as it would on AWS. A refusal comes back as the function error (HTTP 500
 * with {@code errorType} and {@code errorMessage}), led by the stable code.
 */
@Tag("lambda")
@QuarkusTest
@WithTestResource(DynamoDbLocalResource.class)
class LoginLambdaTest {

    static final String PASSWORD = LoginFunctionTest.PASSWORD;

    @Accounts
    UserStore accounts;

    StoredUser account() {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return accounts.create(new NewUser(UUID.randomUUID(), name, null, LoginFunctionTest.HASHER.hash(PASSWORD),
                Instant.now()));
    }

    static ValidatableResponse event(String json) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.mock-event-server.test-port",
                Integer.class).orElse(8081);
        return given().port(port).contentType(ContentType.JSON).body(json).when().post().then();
    }

    @Test
    void rightPassword_bearerToken() {
        StoredUser alice = account();

        String token = event(LoginFunctionTest.request(alice.username(), PASSWORD))
                .statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .extract().path("accessToken");

        assertThat(token.split("\\.")).hasSize(3);
    }

    @Test
    void wrongPassword_functionErrorInvalidCredentials() {
        StoredUser alice = account();

        event(LoginFunctionTest.request(alice.username(), "not the password"))
                .statusCode(500)
                .body("errorMessage", equalTo("INVALID_CREDENTIALS: invalid username or password"));
    }

    @Test
    void unknownUser_sameFunctionError() {
        event(LoginFunctionTest.request("nobody-" + UUID.randomUUID(), PASSWORD))
                .statusCode(500)
                .body("errorMessage", equalTo("INVALID_CREDENTIALS: invalid username or password"));
    }

    @Test
    void missingPassword_functionErrorNamingTheField() {
        event("{\"username\":\"alice\"}").statusCode(500).body("errorMessage", startsWith("INVALID_INPUT: password"));
    }

    @Test
    void malformedJson_refusedWithoutEchoingOrLoggingThePassword() {
        try (LogCapture log = LogCapture.open()) {
            // a bare word is a token the JSON parser would quote whole in its message
            event("{\"username\":\"alice\",\"password\":Zebra9secret9horse}")
                    .statusCode(500)
                    .body(not(containsString("Zebra9secret")));

            // the runtime's line about the failed invocation has passed LambdaErrorLogFilter, as on the console
            assertThat(log.text()).contains("refused an event that is not JSON of this function's input")
                    .doesNotContain("Zebra9secret");
        }
    }
}
