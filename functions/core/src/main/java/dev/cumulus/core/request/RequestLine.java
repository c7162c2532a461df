package dev.cumulus.core.request;

import dev.cumulus.core.log.LogFields;

/**
 * The one log line of the request being served. A function adds its facts to the line (a job id, a count, an
 * outcome) instead of logging a line of its own: over HTTP the transport writes the line when the response has gone
 * out, with the method, status, duration and ids; where the transport cannot see the end of a request (Lambda) the
 * line is written when the function {@linkplain #close closes} it.
 */
public interface RequestLine {

    /**
     * The fields of the current request's line, to be taken while the request is current (as the function starts)
     * and filled later from any thread. Outside a request, fields that no line carries.
     */
    LogFields open();

    /** The function's answer is ready: write the line now where the transport will not. Call once. */
    void close(LogFields fields);

    /** A line of nothing: for a service used without a transport, as in unit tests. */
    RequestLine NONE = new RequestLine() {
        @Override
        public LogFields open() {
            return new LogFields("request");
        }

        @Override
        public void close(LogFields fields) {
        }
    };
}
