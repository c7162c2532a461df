package dev.cumulus.web;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.core.request.IncomingAuthorization;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpHeaders;

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
        return ServedRequest.of(request).map(ctx -> ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    }
}
