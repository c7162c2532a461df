package dev.cumulus.core.error;

import java.util.Map;

/** Thrown when the request is malformed or a field is missing or invalid; names the field when there is one. */
public class InvalidInputException extends CumulusException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(ErrorCode.INVALID_INPUT, field == null ? message : field + ": " + message);
        this.field = field;
    }

    public static InvalidInputException malformed(String message) {
        return new InvalidInputException(null, message);
    }

    public String field() {
        return field;
    }

    @Override
    public Object details() {
        return field == null ? null : Map.of("field", field);
    }
}
