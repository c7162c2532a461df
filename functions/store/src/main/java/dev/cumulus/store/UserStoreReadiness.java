package dev.cumulus.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.cumulus.store.user.UserStore;

/**
 * Ready only while the account store answers, so Knative sends no requests to an instance that cannot serve them.
 * Deliberately not a liveness check: a database outage is not cured by restarting the function.
 */
@Readiness
@ApplicationScoped
public class UserStoreReadiness implements HealthCheck {

    static final String NAME = "user-store";

    private final UserStore store;

    UserStoreReadiness(UserStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.ping();
            return HealthCheckResponse.up(NAME);
        } catch (RuntimeException e) {
            // a StoreUnavailableException, or a misconfigured store failing when first built: either message is ours
            // or Quarkus', with no data in it
            return HealthCheckResponse.named(NAME).down().withData("reason", String.valueOf(e.getMessage())).build();
        }
    }
}
