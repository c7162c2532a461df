package dev.cumulus.register;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.LogCapture;
import dev.cumulus.store.testing.Accounts;
import dev.cumulus.store.testing.DynamoDbLocalResource;
import dev.cumulus.store.user.UserStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The Lambda flavour ({@code -Plambda}), on DynamoDB Local: events go through Quarkus' mock Lambda event server, which
 * the function polls through the Runtime API as it would on AWS. A thrown error comes back as the function error
 * (HTTP 500 with {@code errorType} and {@code errorMessage}), led by the stable code.
 */
@Tag("lambda")
@QuarkusTest
@WithTestResource(DynamoDbLocalResource.class)
class RegisterLambdaTest {

    static final String PASSWORD = "correct horse battery staple";

    @Accounts
    UserStore accounts;

    static ValidatableResponse event(String json) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.mock-event-server.test-port",
                Integer.class).orElse(8081);
        return given().port(port).contentType(ContentType.JSON).body(json).when().post().then();
    }

    static String request(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void newAccount_storedInDynamoDb() {
        String name = RegisterFunctionTest.newName();

        String userId = event(request(name.toUpperCase(), PASSWORD))
                .statusCode(200)
                .body("username", equalTo(name))
                .body("createdAt", notNullValue())
                .extract().path("userId");

        assertThat(accounts.find(name)).hasValueSatisfying(stored -> {
            assertThat(stored.id().toString()).isEqualTo(userId);
            assertThat(stored.passwordHash()).startsWith("$argon2id$");
        });
    }

    @Test
    void nameTaken_functionErrorLedByTheCode() {
        String name = RegisterFunctionTest.newName();
        event(request(name, PASSWORD)).statusCode(200);

        event(request(name, PASSWORD)).statusCode(500).body("errorMessage", startsWith("USERNAME_TAKEN"));
    }

    @Test
    void commonPassword_functionErrorNamingTheField() {
        event(request(RegisterFunctionTest.newName(), "1qaz2wsx3edc"))
                .statusCode(500)
                .body("errorMessage", startsWith("INVALID_INPUT: password"))
                .body(not(containsString("1qaz2wsx3edc")));
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
