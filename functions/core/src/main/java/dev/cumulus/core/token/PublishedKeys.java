package dev.cumulus.core.token;

/**
 * The public keys that verify the tokens a function issues, as a JWKS document (RFC 7517): an application that
 * provides this bean has it served at {@code GET /.well-known/jwks.json} in the HTTP flavour. Public parts only.
 */
public interface PublishedKeys {

    /** The JWKS document, {@code {"keys":[{"kty":"RSA","kid":…,"use":"sig","alg":"RS256","n":…,"e":…}]}}. */
    String jwks();
}
