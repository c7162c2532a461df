package dev.cumulus.core.start;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Work a function does once before a snapshot of its instance is taken (Lambda SnapStart, or any CRaC checkpoint),
 * so that every instance restored from the snapshot starts with that code loaded and compiled: the first request of
 * a restored instance then costs what a warm one does. Without a checkpoint nothing runs. A function's bean extends
 * this and is started with the app ({@code @Startup}); the CRaC context keeps it only weakly, the app's container
 * strongly.
 */
public abstract class SnapshotPriming implements Resource {

    protected SnapshotPriming() {
        Core.getGlobalContext().register(this);
    }

    /** The work to run once before the snapshot: the code of a request, on data that goes nowhere. */
    protected abstract void prime();

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to redo: the primed code keeps no state of its own
    }
}
