package dev.cumulus.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.PrometheusText;
import dev.cumulus.store.password.Argon2Parameters;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.testing.Accounts;
import dev.cumulus.store.testing.PostgresSchemaResource;
import dev.cumulus.store.user.NewUser;
import dev.cumulus.store.user.StoredUser;
import dev.cumulus.store.user.UserStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The series {@code login} shows at {@code /q/metrics}, and what they never show. */
@QuarkusTest
@WithTestResource(PostgresSchemaResource.class)
@WithTestResource(SigningKeyResource.class)
class LoginMetricsTest {

    static final String PASSWORD = "metrics horse battery staple";
    static final PasswordHasher HASHER = new PasswordHasher(Argon2Parameters.DEFAULT, new SecureRandom());

    @Accounts
    UserStore accounts;

    StoredUser account() {
        String name = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return accounts.create(new NewUser(UUID.randomUUID(), name, null, HASHER.hash(PASSWORD), Instant.now()));
    }

    static ValidatableResponse login(String username, String password, int status) {
        return given().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}").when().post("/login")
                .then().statusCode(status);
    }

    static PrometheusText scrape() {
        return PrometheusText.of(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void outcomesLockoutAndArgon2_countedWithoutUserText() {
        // given
        StoredUser alice = account();
        StoredUser bob = account();
        String unknown = "nobody" + UUID.randomUUID().toString().substring(0, 8);
        String wrong = "wrong-" + UUID.randomUUID();
        PrometheusText before = scrape();

        // when: a success, an unknown user, five wrong passwords (the fifth locks bob), then bob's right password
        String token = login(alice.username(), PASSWORD, 200).extract().path("accessToken");
        login(unknown, PASSWORD, 401);
        for (int i = 0; i < 5; i++) {
            login(bob.username(), wrong, 401);
        }
        login(bob.username(), PASSWORD, 401);

        // then
        PrometheusText after = scrape();
        assertThat(delta(before, after, "outcome=\"success\"")).isEqualTo(1);
        assertThat(delta(before, after, "outcome=\"refused-unknown-user\"")).isEqualTo(1);
        assertThat(delta(before, after, "outcome=\"refused-wrong-password\"")).isEqualTo(5);
        assertThat(delta(before, after, "outcome=\"locked\"")).isEqualTo(1);
        assertThat(after.value("cumulus_login_lockouts_total") - before.value("cumulus_login_lockouts_total"))
                .isEqualTo(1);
        // one Argon2id computation per login, whatever its outcome
        assertThat(after.value("cumulus_password_argon2id_seconds_count")
                - before.value("cumulus_password_argon2id_seconds_count")).isEqualTo(8);
        assertThat(after.value("cumulus_password_argon2id_seconds_sum")).isPositive();
        // no password, token or name a caller sent
        assertThat(after.body()).doesNotContain(PASSWORD).doesNotContain(wrong).doesNotContain(token)
                .doesNotContain(token.substring(0, 20)).doesNotContain(unknown).doesNotContain(bob.username())
                .doesNotContain(alice.username());
    }

    private static double delta(PrometheusText before, PrometheusText after, String outcome) {
        return after.value("cumulus_login_attempts_total", outcome)
                - before.value("cumulus_login_attempts_total", outcome);
    }
}
