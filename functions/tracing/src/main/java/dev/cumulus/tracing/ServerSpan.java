package dev.cumulus.tracing;

import java.util.Optional;

import dev.cumulus.core.error.CumulusException;
import dev.cumulus.core.request.TraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/**
 * The span of one request a function serves, a child of the caller's span when the caller sent one. It ends once,
 * with the answer or the failure; a failure is named by its error code only, never by its message, which may quote
 * the request.
 */
public final class ServerSpan {

    static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("cumulus.error.code");

    private final Span span;

    ServerSpan(Span span) {
        this.span = span;
    }

    public Span span() {
        return span;
    }

    /** What the calls this request makes send on ({@link Tracing#outgoing(Span)}). */
    public Optional<TraceContext> outgoing() {
        return Tracing.outgoing(span);
    }

    /** Ends the span with the answer, and gives the answer back. */
    public <T> T ended(T answer) {
        span.end();
        return answer;
    }

    /** Ends the span with the failure, and gives the failure back to be thrown. */
    public <E extends Throwable> E failed(E failure) {
        ended(failure);
        return failure;
    }

    /** Ends the span: well when {@code failure} is {@code null}. */
    public void ended(Throwable failure) {
        if (failure != null) {
            markFailed(span, failure);
        }
        span.end();
    }

    /**
     * Names {@code failure} on {@code span} by its error code; the span's status is an error only for what is not the
     * caller's fault (a 5xx), as for any server span.
     */
    public static void markFailed(Span span, Throwable failure) {
        if (failure instanceof CumulusException e) {
            span.setAttribute(ERROR_CODE, e.code().name());
            if (e.code().status() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        } else {
            span.setAttribute(ERROR_CODE, "INTERNAL");
            span.setStatus(StatusCode.ERROR);
        }
    }
}
