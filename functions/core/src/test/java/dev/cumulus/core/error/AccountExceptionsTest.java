package dev.cumulus.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AccountExceptionsTest {

    @Test
    void usernameTaken_isA409NamingTheField() {
        // when
        UsernameTakenException e = new UsernameTakenException();

        // then
        assertThat(e.code()).isEqualTo(ErrorCode.USERNAME_TAKEN);
        assertThat(e.code().status()).isEqualTo(409);
        assertThat(e.details()).isEqualTo(Map.of("field", "username"));
        assertThat(ErrorResponse.of(e).error()).isEqualTo(
                new ErrorResponse.Detail("USERNAME_TAKEN", "this username is already taken",
                        Map.of("field", "username")));
        assertThat(e).hasToString("USERNAME_TAKEN: this username is already taken");
    }

    @Test
    void invalidCredentials_isA401WithOneFixedMessageAndNoDetails() {
        // when
        InvalidCredentialsException first = new InvalidCredentialsException();
        InvalidCredentialsException second = new InvalidCredentialsException();

        // then: unknown user, wrong password and locked account must not be told apart by the answer
        assertThat(first.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(first.code().status()).isEqualTo(401);
        assertThat(first.details()).isNull();
        assertThat(ErrorResponse.of(first)).isEqualTo(ErrorResponse.of(second));
        assertThat(ErrorResponse.of(first).error())
                .isEqualTo(new ErrorResponse.Detail("INVALID_CREDENTIALS", "invalid username or password", null));
    }
}
