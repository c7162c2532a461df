package dev.cumulus.store.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * The one normal form of a username, under which accounts are stored and looked up: Unicode NFKC (fullwidth
 * {@code ａｌｉｃｅ} and compatibility characters fold to their plain forms), no surrounding whitespace, lower case
 * in the root locale (so the server's locale never changes the key). Which names are acceptable at all is the
 * register function's rule, not this one.
 */
public final class Usernames {

    /** The longest normalised username, in code points, that the stores accept (the JDBC column's width). */
    public static final int MAX_LENGTH = 64;

    private Usernames() {
    }

    public static String normalise(String username) {
        Objects.requireNonNull(username, "username");
        // NFKC first: it can turn characters such as U+3000 (ideographic space) into plain spaces, which strip() removes
        String folded = Normalizer.normalize(username, Normalizer.Form.NFKC).strip();
        // lower-casing can leave a string that NFKC would change again (rare, e.g. U+0130), so normalise once more
        return Normalizer.normalize(folded.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }
}
