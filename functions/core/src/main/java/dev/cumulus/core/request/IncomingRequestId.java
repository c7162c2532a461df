package dev.cumulus.core.request;

import java.util.Optional;

/**
 * The id of the request being served, when the transport carries one ({@code X-Request-Id} or a CloudEvent's
 * {@code ce-id} over HTTP). A function that calls others passes it on, so that the log lines of every hop of one
 * request can be found together. Empty where there is no such id, as on Lambda.
 */
public interface IncomingRequestId {

    /** The id of the current request, already checked to be safe in a header and a log line. */
    Optional<String> current();
}
