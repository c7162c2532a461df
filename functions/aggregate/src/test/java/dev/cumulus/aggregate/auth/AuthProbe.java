package dev.cumulus.aggregate.auth;

import jakarta.inject.Inject;

import io.quarkus.funqy.Funq;

/**
 * A function of the tests alone, on a Funqy path of its own, that answers who the call is for: the way the functions
 * of aggregate ask {@link Callers}, with the header of the request or the event's {@code authorization} field.
 */
public class AuthProbe {

    @Inject
    Callers callers;

    public record Probe(String authorization) {
    }

    public record Owner(String owner) {
    }

    @Funq("auth-probe")
    public Owner probe(Probe probe) {
        return new Owner(callers.ownerOfCall(probe.authorization()));
    }
}
