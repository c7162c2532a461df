package dev.cumulus.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cumulus.core.testing.PrometheusText;
import dev.cumulus.store.testing.PostgresSchemaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Priming as the app starts ({@code cumulus.start.prime}): the code of a login runs once, with no login. */
@QuarkusTest
@TestProfile(LoginPrimingTest.PrimeAtStart.class)
@WithTestResource(PostgresSchemaResource.class)
@WithTestResource(SigningKeyResource.class)
class LoginPrimingTest {

    public static class PrimeAtStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cumulus.start.prime", "true");
        }
    }

    @Test
    void started_oneArgon2idComputationOnItsOwn_noAttemptCounted() throws InterruptedException {
        // when: the app has started, and no login has been sent
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        PrometheusText metrics = LoginMetricsTest.scrape();
        while (metrics.value("cumulus_password_argon2id_seconds_count") < 1 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            metrics = LoginMetricsTest.scrape();
        }

        // then: the priming thread verified one password against the dummy hash, and no attempt was counted
        assertThat(metrics.value("cumulus_password_argon2id_seconds_count")).isEqualTo(1);
        assertThat(metrics.value("cumulus_login_attempts_total")).isZero();
        assertThat(metrics.value("cumulus_login_lockouts_total")).isZero();
    }
}
