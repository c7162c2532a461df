package dev.cumulus.register;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rules of a new account: {@code cumulus.register.*}. Lengths count Unicode code points. */
@ConfigMapping(prefix = "cumulus.register")
public interface RegisterConfig {

    Username username();

    Password password();

    interface Username {
        /** Fewest characters of a username, after normalisation. */
        @WithDefault("3")
        int minLength();

        /** Most characters of a username, after normalisation. */
        @WithDefault("32")
        int maxLength();
    }

    interface Password {
        /** Fewest characters of a password (NIST SP 800-63B asks for at least 8; OWASP recommends 12 and up). */
        @WithDefault("12")
        int minLength();

        /** Most characters of a password: long passphrases are welcome, and are never truncated. */
        @WithDefault("128")
        int maxLength();
    }
}
