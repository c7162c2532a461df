package dev.cumulus.aggregate;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cumulus.core.error.TooManyJobsException;

/**
 * The calls in flight that one owner's jobs may hold in this instance together ({@code
 * cumulus.aggregate.max-in-flight-per-owner}): a job takes its concurrency from what its owner has left (at least
 * one call, else it is refused with {@code TOO_MANY_JOBS}), and gives it back when it ends. So one caller's many jobs
 * cannot take every connection from the others.
 */
@ApplicationScoped
public class OwnerQuota {

    private final int perOwner;
    private final Map<String, Integer> taken = new HashMap<>();

    @jakarta.inject.Inject
    OwnerQuota(AggregateConfig config) {
        this(config.maxInFlightPerOwner());
    }

    public OwnerQuota(int perOwner) {
        if (perOwner < 1) {
            throw new IllegalArgumentException("max-in-flight-per-owner must be positive: " + perOwner);
        }
        this.perOwner = perOwner;
    }

    /** Takes up to {@code wanted} calls for {@code owner}: as many as are left, at least one. */
    public synchronized int take(String owner, int wanted) {
        int used = taken.getOrDefault(owner, 0);
        int granted = Math.min(wanted, perOwner - used);
        if (granted < 1) {
            throw new TooManyJobsException("your jobs already hold " + used + " calls in flight here, the most allowed"
                    + " (" + perOwner + "); wait for one to end");
        }
        taken.put(owner, used + granted);
        return granted;
    }

    public synchronized void give(String owner, int granted) {
        int left = taken.getOrDefault(owner, 0) - granted;
        if (left <= 0) {
            taken.remove(owner);
        } else {
            taken.put(owner, left);
        }
    }
}
