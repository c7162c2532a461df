package dev.cumulus.aggregate.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.cumulus.core.error.InvalidTokenException;
import dev.cumulus.core.request.IncomingAuthorization;
import dev.cumulus.core.request.SafeId;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Who the current call is for: the subject of the bearer token that login issued, checked by SmallRye JWT (signature
 * with the configured public key, {@code iss}, {@code aud}, {@code exp}, RS256 only). Made at startup, which it
 * refuses when there is neither a key nor permission for anonymous calls. A refused token is never logged, and the
 * answer never says which check failed.
 */
@ApplicationScoped
@Startup
public class Callers {

    /** The owner of every call without a token, where anonymous calls are allowed. */
    public static final String ANONYMOUS = "anonymous";
    /** Longer header values are refused unread: login's tokens are well under 2 KB. */
    static final int MAX_AUTHORIZATION_LENGTH = 8192;

    static final String NO_KEY = "aggregate has no key to verify login's tokens with: set "
            + "cumulus.aggregate.auth.public-key-location (CUMULUS_AGGREGATE_AUTH_PUBLIC_KEY_LOCATION) to login's JWKS "
            + "URL (http://<login>/.well-known/jwks.json) or to a file holding its public key (PEM or JWKS); outside "
            + "production, cumulus.aggregate.auth.allow-anonymous=true serves calls without a token instead "
            + "(docs/tokens.md)";

    private static final Logger LOG = Logger.getLogger(Callers.class);

    private final JWTParser parser;
    private final IncomingAuthorization transport;
    private final boolean verifying;
    private final boolean allowAnonymous;

    Callers(AuthConfig config, JWTParser parser, IncomingAuthorization transport) {
        this.parser = parser;
        this.transport = transport;
        this.allowAnonymous = config.allowAnonymous();
        Optional<String> location = config.publicKeyLocation().filter(l -> !l.isBlank());
        this.verifying = location.isPresent();
        if (!verifying && !allowAnonymous) {
            throw new ConfigurationException(NO_KEY);
        }
        location.ifPresent(Callers::checkFile);
        if (allowAnonymous) {
            LOG.warn(verifying
                    ? "ANONYMOUS CALLS ALLOWED (cumulus.aggregate.auth.allow-anonymous): every caller without a bearer "
                            + "token is owner '" + ANONYMOUS + "'; never in production"
                    : "ANONYMOUS CALLS ALLOWED (cumulus.aggregate.auth.allow-anonymous) and no public key "
                            + "configured: every caller is owner '" + ANONYMOUS + "'; never in production");
        } else {
            LOG.infof("bearer tokens are verified with the key at %s", location.get());
        }
    }

    /**
     * The owner of the current call: the header of the HTTP request being served when there is one, else the
     * {@code authorization} field of the event (Lambda, where API Gateway copies the header into the event). Call it
     * while the request is current (in the function, before work moves to other threads).
     */
    public String ownerOfCall(String eventAuthorization) {
        return owner(transport.current().orElse(eventAuthorization));
    }

    /**
     * The owner (token subject) of a call with this {@code Authorization} value ({@code Bearer <token>}).
     *
     * @throws InvalidTokenException when the token is missing or does not verify, unless anonymous calls are
     *             allowed: then a call without a token (or any call, when no key is configured) is
     *             {@value #ANONYMOUS}
     */
    public String owner(String authorization) {
        if (!verifying) {
            return ANONYMOUS;
        }
        if (authorization == null || authorization.isBlank()) {
            if (allowAnonymous) {
                return ANONYMOUS;
            }
            throw new InvalidTokenException();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(bearerToken(authorization));
        } catch (ParseException e) {
            logRefusal(e);
            throw new InvalidTokenException();
        }
        String subject = jwt.getSubject();
        if (!SafeId.isSafe(subject)) {
            LOG.debug("refused a bearer token: its subject is missing or not an id");
            throw new InvalidTokenException();
        }
        return subject;
    }

    /** The token of {@code Bearer <token>} (RFC 6750: the scheme in any case, then the token68 characters). */
    static String bearerToken(String authorization) {
        String value = authorization.strip();
        if (value.length() > MAX_AUTHORIZATION_LENGTH || value.length() < 8
                || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw new InvalidTokenException();
        }
        String token = value.substring(7).strip();
        if (!token.matches("[A-Za-z0-9\\-._~+/]+=*")) {
            throw new InvalidTokenException();
        }
        return token;
    }

    /**
     * The exception's messages can quote the token (jose4j prints the JWS it refused): only their types are logged,
     * and at debug level, since a refusal is the caller's business. A key that cannot be had is the operator's: warn.
     */
    private static void logRefusal(ParseException e) {
        StringBuilder types = new StringBuilder();
        boolean noKey = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            types.append(types.isEmpty() ? "" : " < ").append(t.getClass().getSimpleName());
            noKey |= t instanceof UnresolvableKeyException;
        }
        if (noKey) {
            LOG.warnf("refused a bearer token: no public key to verify it with could be had (%s)", types);
        } else {
            LOG.debugf("refused a bearer token (%s)", types);
        }
    }

    /** A key file that is not there stops the start, rather than refuse every call later. */
    private static void checkFile(String location) {
        boolean elsewhere = location.startsWith("classpath:") || location.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
        Path file = Path.of(location.startsWith("file:") ? location.substring(5) : location);
        if (!elsewhere && !Files.isReadable(file)) {
            throw new ConfigurationException("cannot read the public key file " + file
                    + " (cumulus.aggregate.auth.public-key-location)");
        }
    }
}
