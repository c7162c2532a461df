package dev.cumulus.core.request;

import java.util.Optional;

/**
 * A W3C Trace Context (<a href="https://www.w3.org/TR/trace-context/">trace-context</a>) as it travels between two
 * calls: the {@code traceparent} header, split into its parts, and the opaque {@code tracestate} that goes with it.
 * Parsing is strict: version {@code 00}, a trace id of 32 lowercase hex digits and a parent id of 16, neither all
 * zeros, and 2 hex digits of flags, joined by dashes and nothing more. Anything else is no trace at all, so a value
 * that reaches a log line or a header from here is always one of these shapes.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param parentId the id of the caller's span: 16 lowercase hex digits, not all zero
 * @param flags 2 lowercase hex digits; bit 0 is "sampled"
 * @param state the {@code tracestate} header, or {@code null}: at most {@value #MAX_STATE_LENGTH} printable ASCII
 *        characters
 */
public record TraceContext(String traceId, String parentId, String flags, String state) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** The limit the specification lets a receiver hold to; a longer {@code tracestate} is dropped. */
    public static final int MAX_STATE_LENGTH = 512;

    private static final int LENGTH = 55; // 2 + 1 + 32 + 1 + 16 + 1 + 2

    public TraceContext {
        if (!isHex(traceId, 32) || !isHex(parentId, 16) || !isHex(flags, 2)) {
            throw new IllegalArgumentException("not a W3C trace context");
        }
        state = isState(state) ? state : null;
    }

    /** The context the headers carry, when {@code traceparent} is valid; {@code tracestate} alone counts for nothing. */
    public static Optional<TraceContext> parse(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.length() != LENGTH || !traceparent.startsWith("00-")
                || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
            return Optional.empty();
        }
        String traceId = traceparent.substring(3, 35);
        String parentId = traceparent.substring(36, 52);
        String flags = traceparent.substring(53);
        if (!isHex(traceId, 32) || !isHex(parentId, 16) || !isHex(flags, 2)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(traceId, parentId, flags, tracestate));
    }

    /** The same trace, continued by the span {@code spanId} of this hop. */
    public TraceContext withParent(String spanId) {
        return new TraceContext(traceId, spanId, flags, state);
    }

    /** The {@code traceparent} header value. */
    public String traceparent() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }

    public boolean sampled() {
        return (Character.digit(flags.charAt(1), 16) & 1) == 1;
    }

    private static boolean isHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        boolean zero = true;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
            zero &= c == '0';
        }
        // flags of 00 are valid (not sampled); ids of zeros are not
        return !zero || length == 2;
    }

    private static boolean isState(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_STATE_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
