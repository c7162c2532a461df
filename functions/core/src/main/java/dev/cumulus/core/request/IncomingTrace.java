package dev.cumulus.core.request;

import java.util.Optional;

/**
 * The W3C trace context the caller of the request being served sent: the {@code traceparent} and {@code tracestate}
 * headers over HTTP (or a binary CloudEvent's {@code ce-traceparent} and {@code ce-tracestate} extension attributes),
 * the client context's {@code custom} map on Lambda. Read whether or not this instance records spans, so that the
 * trace id can name the request in its log line and travel on to the functions it calls. Empty when none was sent,
 * when the one sent is not valid ({@link TraceContext#parse}), or outside a request.
 */
public interface IncomingTrace {

    /** Never a trace: for transports without one and for work outside a request. */
    IncomingTrace NONE = Optional::empty;

    /** The trace context of the current request, checked strictly. */
    Optional<TraceContext> current();
}
