package dev.cumulus.register;

import jakarta.inject.Inject;

import io.quarkus.funqy.Funq;

/** The {@code register} function: the only class that knows Funqy. */
public class RegisterFunction {

    @Inject
    RegisterService service;

    @Funq("register")
    public RegisterResponse register(RegisterRequest request) {
        return service.register(request);
    }
}
