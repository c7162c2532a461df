package dev.cumulus.store.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class UsernamesTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "  Alice "          | alice
            ALICE               | alice
            ａｌｉｃｅ          | alice
            "\u3000alice\u3000" | alice
            "\u00a0bob\t"       | bob
            ﬁona                | fiona
            Ⅻ-user              | xii-user
            ALİCE               | ali\u0307ce
            ΣΟΦΙΑ               | σοφια
            Straße              | straße
            """)
    void normalise_foldsWidthCompatibilityCaseAndSurroundingSpace(String raw, String expected) {
        assertThat(Usernames.normalise(unescape(raw))).isEqualTo(unescape(expected));
    }

    @Property(tries = 2000)
    void normalise_isIdempotent(@ForAll String raw) {
        String once = Usernames.normalise(raw);

        assertThat(Usernames.normalise(once)).isEqualTo(once);
        assertThat(once).isEqualTo(once.strip());
    }

    @org.junit.jupiter.api.Test
    void normalise_null_isRefused() {
        assertThatNullPointerException().isThrownBy(() -> Usernames.normalise(null));
    }

    /** CSV text cannot hold these characters readably, so the table writes them as \\uXXXX. */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\u", i)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (text.startsWith("\\t", i)) {
                out.append('\t');
                i++;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }
}
