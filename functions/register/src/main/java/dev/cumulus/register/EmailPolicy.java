package dev.cumulus.register;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.cumulus.core.error.InvalidInputException;

/**
 * Checks and normalises the optional email address. Accepted: {@code local@domain} where the local part is an RFC 5322
 * dot-atom of ASCII characters (no quoted strings, no comments) of at most 64 characters, and the domain is a host
 * name of at least two labels, given in ASCII or as an internationalised name (stored in its {@code xn--} form). The
 * address is trimmed and its domain lower-cased; the local part keeps its case, which the mail server may honour.
 * Whether the mailbox exists is not checked here: only a message sent to it can tell.
 */
final class EmailPolicy {

    static final String FIELD = "email";
    /** RFC 5321's limit of a forward path, less the angle brackets. */
    static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL_LENGTH = 64;

    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern LOCAL = Pattern.compile(ATEXT + "(\\." + ATEXT + ")*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final String RULE = "is not a valid email address (expected local@domain.example)";

    private EmailPolicy() {
    }

    /** The normalised address; {@code null} when none is given (absent, empty or blank). */
    static String normalise(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String trimmed = email.strip();
        int at = trimmed.lastIndexOf('@');
        if (trimmed.length() > MAX_LENGTH || at < 1 || at > MAX_LOCAL_LENGTH) {
            throw new InvalidInputException(FIELD, RULE);
        }
        String local = trimmed.substring(0, at);
        String domain = asciiDomain(trimmed.substring(at + 1));
        if (!LOCAL.matcher(local).matches() || domain == null) {
            throw new InvalidInputException(FIELD, RULE);
        }
        String normalised = local + "@" + domain;
        if (normalised.length() > MAX_LENGTH) {
            throw new InvalidInputException(FIELD, RULE);
        }
        return normalised;
    }

    /** The domain in lower-case ASCII, or {@code null} when it is not a host name of two labels or more. */
    private static String asciiDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || ascii.length() > 253) {
            return null;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return null;
            }
        }
        // a top-level domain is never all digits; this refuses addresses at IPv4 numbers such as a@1.2.3.4
        return labels[labels.length - 1].chars().allMatch(Character::isDigit) ? null : ascii;
    }
}
