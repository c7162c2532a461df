package dev.cumulus.aggregate.job;

import java.util.Locale;

import dev.cumulus.core.error.InvalidInputException;

/** What a call asks of a submitted job ({@code action} in the request). */
public enum JobAction {
    /** Keep the job and answer at once; it runs on its own. */
    SUBMIT,
    /** How far the job is, and its result once it has ended. */
    STATUS,
    /** Stop the job: no more calls start, those in flight are cancelled. */
    CANCEL,
    /** Run the chunks of a {@code PARTIAL} or {@code FAILED} job that have no result, and fold them in. */
    REDRIVE,
    /** Take the job up and run it (sent by the platform itself: an event, an asynchronous invocation). */
    RUN;

    /** The action named in a request; null when none is named. */
    public static JobAction of(String name) {
        if (name == null) {
            return null;
        }
        for (JobAction a : values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(name)) {
                return a;
            }
        }
        throw new InvalidInputException("action", "must be one of submit, status, cancel, redrive or run");
    }
}
