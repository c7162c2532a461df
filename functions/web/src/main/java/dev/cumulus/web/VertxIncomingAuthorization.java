package dev.cumulus.web;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.core.request.IncomingAuthorization;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The {@code Authorization} header of the HTTP request being served. Funqy makes the request current while it runs a
 * function, so the function reads it there, before it hands work to other threads.
 */
@ApplicationScoped
public class VertxIncomingAuthorization implements IncomingAuthorization {

    private final CurrentVertxRequest request;

    VertxIncomingAuthorization(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public Optional<String> current() {
        // outside a request (a background thread) there is no request to read
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        RoutingContext ctx = request.getCurrent();
        return ctx == null ? Optional.empty() : Optional.ofNullable(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    }
}
