package dev.cumulus.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import dev.cumulus.core.token.PublishedKeys;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@code GET /.well-known/jwks.json} (and {@code HEAD}) in an application that publishes the public keys of
 * its tokens ({@link PublishedKeys}: {@code login}), so that services verify its tokens from a URL. Ordered after
 * the request log and before {@link RequestGuard}, which refuses every method but POST elsewhere.
 */
@ApplicationScoped
public class JwksRoute {

    public static final String PATH = "/.well-known/jwks.json";
    /**
     * How long a verifier may keep the document: short enough that a key added for a rotation is seen well within a
     * token's lifetime (15 minutes by default), long enough that verifiers do not ask on every token.
     */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final Instance<PublishedKeys> keys;

    JwksRoute(Instance<PublishedKeys> keys) {
        this.keys = keys;
    }

    void install(@Observes Router router) {
        if (!keys.isResolvable()) {
            return;
        }
        router.route(PATH).order(RequestLog.ORDER + 1).method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::serve);
    }

    void serve(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", CACHE_CONTROL)
                .end(keys.get().jwks());
    }
}
