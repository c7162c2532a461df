package dev.cumulus.core.start;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Runs the app's {@link Primer}s: once on a background thread as the app starts ({@code cumulus.start.prime}), while
 * the HTTP server opens and the first request is on its way, and again before a snapshot of the instance is taken
 * (Lambda SnapStart, or any CRaC checkpoint), so that every instance restored from it starts warm. An app without
 * primers does neither.
 */
@ApplicationScoped
public class Priming implements Resource {

    private static final Logger LOG = Logger.getLogger(Priming.class);

    private final Instance<Primer> primers;

    Priming(Instance<Primer> primers) {
        this.primers = primers;
    }

    void start(@Observes StartupEvent started, StartConfig config) {
        if (primers.isUnsatisfied()) {
            return;
        }
        // the CRaC context keeps its resources only weakly; the container keeps this bean
        Core.getGlobalContext().register(this);
        if (config.prime()) {
            Thread thread = new Thread(this::primeQuietly, "cumulus-priming");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Priming is an optimisation: a failure is logged and leaves the requests to warm the code themselves. */
    private void primeQuietly() {
        try {
            prime();
        } catch (RuntimeException e) {
            LOG.warnf("Priming at start failed (%s); the first requests warm up instead", e.toString());
        }
    }

    /** The primers are created here, on the thread that primes, with what they load (register's password list). */
    private void prime() {
        for (Primer primer : primers) {
            primer.prime();
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to redo: the primed code keeps no state of its own
    }
}
