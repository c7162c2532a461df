package dev.cumulus.core.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error answer: {@code {"error":{"code":"...","message":"...","details":{...}}}}. */
public record ErrorResponse(Detail error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, Object details) {
    }

    public static ErrorResponse of(CumulusException e) {
        return new ErrorResponse(new Detail(e.code().name(), e.getMessage(), e.details()));
    }

    public static ErrorResponse of(ErrorCode code, String message) {
        return new ErrorResponse(new Detail(code.name(), message, null));
    }
}
