package dev.cumulus.web;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.core.request.IncomingRequestId;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * The id {@link RequestLog} took or made for the HTTP request being served. Funqy makes the request current while it
 * runs a function, so a function can pass the id on to the functions it calls.
 */
@ApplicationScoped
public class VertxIncomingRequestId implements IncomingRequestId {

    private final CurrentVertxRequest request;

    VertxIncomingRequestId(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public Optional<String> current() {
        return ServedRequest.of(request).map(RequestLog::requestId);
    }
}
