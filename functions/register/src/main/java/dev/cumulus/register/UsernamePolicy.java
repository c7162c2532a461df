package dev.cumulus.register;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.store.user.Usernames;

/**
 * What a username may be, checked after normalisation (trimmed, NFKC, lower-case): {@code minLength} to
 * {@code maxLength} characters of {@code a-z}, {@code 0-9}, {@code .}, {@code _} and {@code -}, the first a letter or
 * digit. Only ASCII, so that no two accounts differ by look-alike letters of other scripts; fullwidth forms still
 * work, since NFKC maps them to ASCII.
 */
final class UsernamePolicy {

    static final String FIELD = "username";

    private final int minLength;
    private final int maxLength;
    private final String rule;

    UsernamePolicy(int minLength, int maxLength) {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("username lengths must satisfy 1 <= min <= max, got " + minLength
                    + " and " + maxLength);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.rule = "must be " + minLength + " to " + maxLength
                + " characters: letters a-z, digits, '.', '_' or '-', starting with a letter or digit";
    }

    /** The normalised username, or an {@link InvalidInputException} that states the rule. */
    String normalise(String username) {
        if (username == null) {
            throw new InvalidInputException(FIELD, "is required; it " + rule);
        }
        String normalised = Usernames.normalise(username);
        if (normalised.length() < minLength || normalised.length() > maxLength || !allowed(normalised)) {
            throw new InvalidInputException(FIELD, rule);
        }
        return normalised;
    }

    private static boolean allowed(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && (i == 0 || ".-_".indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }
}
