package dev.cumulus.core.request;

import java.util.Optional;

import dev.cumulus.core.error.InvalidInputException;

/**
 * The one definition of an id that may go into a header and a log line as it is (a job id, a request id): 1 to
 * {@value #MAX_LENGTH} characters of ASCII letters, digits and {@code -_.:/=}. No space, quote, control character or
 * line break, so an id can neither forge a log line nor split a header.
 */
public final class SafeId {

    public static final int MAX_LENGTH = 128;
    /** What the rule allows, in words, for error messages. */
    public static final String RULE = "1 to " + MAX_LENGTH + " letters, digits or -_.:/=";

    private SafeId() {
    }

    public static boolean isSafe(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && "-_.:/=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The id when it is safe, else empty (a header to be ignored and replaced). */
    public static Optional<String> of(String id) {
        return isSafe(id) ? Optional.of(id) : Optional.empty();
    }

    /** The id, or {@code null} when none is given; an unsafe id is refused as {@code field}. */
    public static String check(String field, String id) {
        if (id != null && !isSafe(id)) {
            throw new InvalidInputException(field, "must be " + RULE);
        }
        return id;
    }
}
