package dev.cumulus.register;

import java.text.Normalizer;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.store.user.Usernames;

/**
 * The password rules of NIST SP 800-63B as OWASP states them: a length between {@code minLength} and
 * {@code maxLength} Unicode code points, counted after NFKC normalisation (the form that is hashed), any characters
 * (spaces and emoji too) but not only spaces, no composition rules, never truncated; refused when it is a common or breached password, or contains the username. The comparisons ignore case
 * and width (the text is compared in its normalised form, as usernames are), so {@code PASSWORD1234} or a fullwidth
 * copy of the username do not slip through. No message ever quotes the password.
 */
final class PasswordPolicy {

    static final String FIELD = "password";

    private final CommonPasswords common;
    private final int minLength;
    private final int maxLength;

    PasswordPolicy(CommonPasswords common, int minLength, int maxLength) {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("password lengths must satisfy 1 <= min <= max, got " + minLength
                    + " and " + maxLength);
        }
        this.common = common;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** Throws an {@link InvalidInputException} naming the field and the rule the password breaks. */
    void check(String password, String normalisedUsername) {
        if (password == null) {
            throw new InvalidInputException(FIELD, "is required");
        }
        if (hasUnpairedSurrogate(password)) {
            // such text has no UTF-8 form: two different passwords would hash alike
            throw new InvalidInputException(FIELD, "must be valid Unicode text");
        }
        // the length of what is hashed: NFKC, as the hasher normalises, so that "e" and a combining accent six
        // times are the six characters they show and hash as, not twelve
        String hashed = Normalizer.normalize(password, Normalizer.Form.NFKC);
        int length = hashed.codePointCount(0, hashed.length());
        if (length < minLength) {
            throw new InvalidInputException(FIELD, "must be at least " + minLength + " characters long");
        }
        if (length > maxLength) {
            throw new InvalidInputException(FIELD, "must be at most " + maxLength + " characters long");
        }
        if (hashed.codePoints().allMatch(PasswordPolicy::isBlank)) {
            throw new InvalidInputException(FIELD, "must not be only spaces");
        }
        String folded = Usernames.normalise(password);
        if (common.contains(folded)) {
            throw new InvalidInputException(FIELD,
                    "is on a list of common or breached passwords; choose a longer, less predictable one");
        }
        if (normalisedUsername != null && folded.contains(normalisedUsername)) {
            throw new InvalidInputException(FIELD, "must not contain the username");
        }
    }

    /** Spaces of any kind, and the invisible format characters (such as a zero-width space) that show as nothing. */
    private static boolean isBlank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
