package dev.cumulus.aggregate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.cumulus.core.error.InvalidTokenException;
import dev.cumulus.core.request.IncomingAuthorization;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Lambda flavour ({@code -Plambda}): there are no headers, so the Authorization value comes in the event (API
 * Gateway's request template copies it into the field {@code authorization}), and the extension verifies it as over
 * HTTP.
 */
@Tag("lambda")
@QuarkusTest
@WithTestResource(AuthKeyResource.class)
class CallersLambdaTest {

    @Inject
    Callers callers;

    @Inject
    IncomingAuthorization transport;

    TestKeys keys;

    @Test
    void noHeadersOnLambda() {
        assertThat(transport.current()).isEmpty();
    }

    @Test
    void eventsAuthorization_ownerIsItsSubject() {
        assertThat(callers.ownerOfCall("Bearer " + keys.token("user-1"))).isEqualTo("user-1");
    }

    @Test
    void eventWithoutAuthorizationOrWithABadOne_refused() {
        assertThatThrownBy(() -> callers.ownerOfCall(null)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> callers.ownerOfCall("Bearer " + TestKeys.generate().token("user-1")))
                .isInstanceOf(InvalidTokenException.class);
    }
}
