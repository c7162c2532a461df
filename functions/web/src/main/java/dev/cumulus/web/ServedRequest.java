package dev.cumulus.web;

import java.util.Optional;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/** The HTTP request being served on this thread: Funqy makes it current while it runs a function. */
final class ServedRequest {

    private ServedRequest() {
    }

    /** Its routing context; empty outside a request (a background thread), where there is no request to read. */
    static Optional<RoutingContext> of(CurrentVertxRequest request) {
        return Arc.container().requestContext().isActive()
                ? Optional.ofNullable(request.getCurrent())
                : Optional.empty();
    }
}
