package dev.cumulus.core.request;

import java.util.Optional;

/**
 * The {@code Authorization} header of the request being served, when the transport has headers (HTTP). Empty where
 * there is none: no header, no request (a background thread), or a transport without headers, as on Lambda, where
 * the value arrives in the event instead. Never logged: it carries a bearer token.
 */
public interface IncomingAuthorization {

    /** The raw header value of the current request, such as {@code Bearer eyJ...}, unchecked. */
    Optional<String> current();
}
