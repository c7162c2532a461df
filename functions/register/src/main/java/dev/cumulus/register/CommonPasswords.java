package dev.cumulus.register;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The passwords that attackers try first: the 30,000 most common ones of leaked password lists, as zxcvbn ships them
 * (lower-case, one a line). Native builds include the file through {@code quarkus.native.resources.includes}.
 */
final class CommonPasswords {

    static final String RESOURCE = "com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

    private final Set<String> passwords;

    private CommonPasswords(Set<String> passwords) {
        this.passwords = Set.copyOf(passwords);
    }

    static CommonPasswords load() {
        ClassLoader loader = CommonPasswords.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the common password list " + RESOURCE + " is not on the class path");
            }
            Set<String> passwords = new HashSet<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    passwords.add(line.strip());
                }
            }
            return new CommonPasswords(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the common password list " + RESOURCE, e);
        }
    }

    /** Whether the password, already lower-cased, is on the list. */
    boolean contains(String lowerCasePassword) {
        return passwords.contains(lowerCasePassword);
    }

    int size() {
        return passwords.size();
    }
}
