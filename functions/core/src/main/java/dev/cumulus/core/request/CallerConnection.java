package dev.cumulus.core.request;

/**
 * Tells when the caller of the request being served has gone away (closed its connection), so that work done only
 * for its answer, such as reading a source, can stop. Where the transport cannot tell, nothing is ever reported.
 */
public interface CallerConnection {

    /** Never reports the caller gone: for transports that cannot tell, and for work outside a request. */
    CallerConnection NONE = action -> () -> {
    };

    /**
     * Runs {@code action} once, on some other thread, if the caller of the current request goes away before the
     * returned registration is closed; at once if it is gone already.
     */
    Registration onGone(Runnable action);

    /** Ends interest in the caller; closing twice is harmless. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
