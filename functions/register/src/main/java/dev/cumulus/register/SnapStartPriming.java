package dev.cumulus.register;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.core.start.SnapshotPriming;
import io.quarkus.runtime.Startup;

/** Before a SnapStart snapshot: the password checks and one Argon2id hash ({@link RegisterService#prime}). */
@ApplicationScoped
@Startup
public class SnapStartPriming extends SnapshotPriming {

    private final RegisterService service;

    SnapStartPriming(RegisterService service) {
        this.service = service;
    }

    @Override
    protected void prime() {
        service.prime();
    }
}
