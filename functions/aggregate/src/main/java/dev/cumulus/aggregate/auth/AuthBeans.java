package dev.cumulus.aggregate.auth;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.cumulus.core.request.IncomingAuthorization;
import io.quarkus.arc.DefaultBean;

/** The transport glue {@link Callers} needs where the flavour brings none. */
@Singleton
public class AuthBeans {

    /** On Lambda there are no headers: the Authorization value comes in the event. */
    @Produces
    @Singleton
    @DefaultBean
    IncomingAuthorization noIncomingAuthorization() {
        return Optional::empty;
    }
}
