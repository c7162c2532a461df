package dev.cumulus.core.json;

import dev.cumulus.core.error.CumulusException;

/**
 * Thrown while a function's input is read, when the JSON does not fit its type: carries the {@link CumulusException}
 * that answers it as its cause, and leads its own message with that answer's code ({@code INVALID_INPUT: …}), so a
 * transport that reports only the message of what was thrown (the Lambda runtime loop) still reports the code. It is
 * a {@link RuntimeException} rather than a Jackson exception, so that no binding mistakes it for a parse error and
 * drops the detail.
 */
public final class InputRefusal extends RuntimeException {

    public InputRefusal(CumulusException answer) {
        super(answer.toString(), answer, false, false);
    }

    public CumulusException answer() {
        return (CumulusException) getCause();
    }
}
