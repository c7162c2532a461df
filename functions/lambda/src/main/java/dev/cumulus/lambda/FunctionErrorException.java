package dev.cumulus.lambda;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.json.JsonRefusals;

/**
 * Thrown by {@link CumulusStreamHandler} when an invocation is refused (a {@link CumulusException}, or an event that
 * is not JSON of the function's input). Its message starts with the error code ({@code INVALID_NUMBER: …}); it has no
 * cause and no stack trace, so the runtime's log line about it carries nothing of the event.
 */
public final class FunctionErrorException extends RuntimeException {

    private FunctionErrorException(String message) {
        super(message, null, false, false);
    }

    /** The refusal that {@code failure} stands for, or empty when it is a fault. */
    static Optional<FunctionErrorException> answering(Throwable failure) {
        return refusalIn(failure).map(refusal -> new FunctionErrorException(refusal instanceof CumulusException answer
                ? answer.toString()
                : JsonRefusals.answer((JsonProcessingException) refusal) + " (" + refusal.getClass().getSimpleName()
                        + ")"));
    }

    /**
     * What makes {@code failure} a refusal rather than a fault: the first {@link CumulusException} (an answer of the
     * function) or {@link JsonProcessingException} (an event that is not JSON of its input) in its cause chain.
     */
    static Optional<Throwable> refusalIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CumulusException || t instanceof JsonProcessingException) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The message alone: the runtime prints this, and it is what callers see as {@code errorMessage}. */
    @Override
    public String toString() {
        return getClass().getName() + ": " + getMessage();
    }
}
