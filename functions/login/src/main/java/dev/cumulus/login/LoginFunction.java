package dev.cumulus.login;

import jakarta.inject.Inject;

import io.quarkus.funqy.Funq;

/** The {@code login} function: the only class that knows Funqy. */
public class LoginFunction {

    @Inject
    LoginService service;

    @Funq("login")
    public LoginResponse login(LoginRequest request) {
        return service.login(request);
    }
}
