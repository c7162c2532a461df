package dev.cumulus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.core.JsonParseException;

import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.error.ErrorCode;
import io.vertx.ext.web.handler.HttpException;

class ErrorMapperTest {

    /** Stands for any of the project's exception types: they differ only in code and details. */
    static final class Known extends CumulusException {
        Known(ErrorCode code) {
            super(code, "because");
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyKnownCode_answeredWithItsStatusAndCode(ErrorCode code) {
        ErrorMapper.Answer answer = ErrorMapper.answer(new Known(code), 500, "r1");

        assertThat(answer.status()).isEqualTo(code.status());
        assertThat(answer.body().error().code()).isEqualTo(code.name());
        assertThat(answer.body().error().message()).isEqualTo("because");
    }

    @Test
    void knownExceptionWrappedByFunqy_foundAmongTheCauses() {
        RuntimeException wrapped = new RuntimeException(new IllegalStateException(new Known(ErrorCode.INVALID_NUMBER)));

        assertThat(ErrorMapper.answer(wrapped, 500, "r1").status()).isEqualTo(422);
    }

    @ParameterizedTest
    @CsvSource({"400,INVALID_INPUT", "404,NOT_FOUND", "405,METHOD_NOT_ALLOWED", "406,UNSUPPORTED_MEDIA_TYPE",
            "415,UNSUPPORTED_MEDIA_TYPE", "413,PAYLOAD_TOO_LARGE"})
    void refusalWithoutException_mappedByStatus(int status, String code) {
        assertThat(ErrorMapper.answer(null, status, "r1").body().error().code()).isEqualTo(code);
        assertThat(ErrorMapper.answer(new HttpException(status), -1, "r1").body().error().code()).isEqualTo(code);
    }

    @Test
    void badJson_invalidInput() {
        assertThat(ErrorMapper.answer(new JsonParseException(null, "Unexpected character"), 500, "r1").status())
                .isEqualTo(400);
    }

    @Test
    void badJsonWrappedByFunqy_invalidInputWithoutTheParserMessage() {
        // given: how Funqy reports the data of a binary-mode CloudEvent that is not JSON
        RuntimeException wrapped = new java.io.UncheckedIOException(
                new JsonParseException(null, "Unrecognized token 'hunter2hunter2'"));

        // when
        ErrorMapper.Answer answer = ErrorMapper.answer(wrapped, 500, "r1");

        // then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().error().message()).isEqualTo("the request body is not valid JSON");
    }

    @Test
    void bug_500WithoutItsMessageButWithTheRequestId() {
        ErrorMapper.Answer answer = ErrorMapper.answer(new NullPointerException("secret detail"), 500, "r-42");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body().error().code()).isEqualTo("INTERNAL");
        assertThat(answer.body().error().message()).contains("r-42").doesNotContain("secret");
    }

    @Test
    void everyCode_hasAnErrorStatus() {
        for (ErrorCode code : EnumSet.allOf(ErrorCode.class)) {
            assertThat(code.status()).isBetween(400, 599);
        }
    }
}
