package dev.cumulus.core.request;

import java.util.ArrayList;
import java.util.List;

/**
 * The gone-or-not state of one caller, for a transport to fire and for work to listen to. Thread-safe: the transport
 * fires it on its own thread while the work registers and unregisters on another.
 */
public final class CallerSignal {

    private final List<Runnable> listeners = new ArrayList<>();
    private boolean gone;

    /** Marks the caller gone and runs every listener registered so far. */
    public void gone() {
        List<Runnable> toRun;
        synchronized (this) {
            if (gone) {
                return;
            }
            gone = true;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isGone() {
        return gone;
    }

    /** See {@link CallerConnection#onGone(Runnable)}. */
    public CallerConnection.Registration onGone(Runnable action) {
        synchronized (this) {
            if (!gone) {
                listeners.add(action);
                return () -> {
                    synchronized (this) {
                        listeners.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> {
        };
    }
}
