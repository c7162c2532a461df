package dev.cumulus.login;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.core.start.SnapshotPriming;
import io.quarkus.runtime.Startup;

/** Before a SnapStart snapshot: one Argon2id verification and one signed token ({@link LoginService#prime}). */
@ApplicationScoped
@Startup
public class SnapStartPriming extends SnapshotPriming {

    private final LoginService service;

    SnapStartPriming(LoginService service) {
        this.service = service;
    }

    @Override
    protected void prime() {
        service.prime();
    }
}
