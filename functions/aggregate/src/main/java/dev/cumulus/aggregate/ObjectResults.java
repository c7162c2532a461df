package dev.cumulus.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.cumulus.aggregate.AggregateResult.ObjectResult;
import dev.cumulus.aggregate.plan.Chunk;
import dev.cumulus.aggregate.plan.JobPlan;
import dev.cumulus.aggregate.plan.PlannedObject;
import dev.cumulus.core.number.ExactSum;

/**
 * The result of each object of a job over a list of sources or a prefix. A job of one plain {@code source} object
 * has none: its result is the object's.
 */
public final class ObjectResults {

    private ObjectResults() {
    }

    /** Whether a job answers per object: it names a list of sources, or its one source is a prefix. */
    public static boolean wanted(AggregateRequest request, JobPlan plan) {
        if (!plan.isSource()) {
            return false;
        }
        if (request.sources() != null) {
            return true;
        }
        List<PlannedObject> objects = plan.objects();
        return objects.size() != 1 || !objects.get(0).url().equals(request.source().url().trim());
    }

    /**
     * @param sums the sum of each object's chunks that succeeded, in the plan's order
     * @param succeeded by object, how many of its chunks succeeded
     * @param failed the chunks without a result, once the job has ended; {@code null} while it runs
     */
    public static List<ObjectResult> of(JobPlan plan, List<ExactSum> sums, int[] succeeded, Set<Integer> failed) {
        List<PlannedObject> objects = plan.objects();
        int[] chunks = new int[objects.size()];
        int[] failedOf = new int[objects.size()];
        for (Chunk c : plan.chunks()) {
            chunks[c.object()]++;
            if (failed != null && failed.contains(c.index())) {
                failedOf[c.object()]++;
            }
        }
        List<ObjectResult> results = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            PlannedObject o = objects.get(i);
            ExactSum sum = sums.get(i);
            results.add(new ObjectResult(o.url(), o.size(), o.whole() ? "whole" : "ranges", chunks[i], succeeded[i],
                    failed == null ? null : failedOf[i], sum.count(), sum.sum().toPlainString(),
                    sum.min() == null ? null : sum.min().toPlainString(),
                    sum.max() == null ? null : sum.max().toPlainString(), plan.skipsMissing() ? sum.skipped() : null));
        }
        return results;
    }

    /** Sums and successes by object, folded from the results of single chunks. */
    public static final class Fold {
        private final JobPlan plan;
        private final ExactSum[] sums;
        private final int[] succeeded;

        public Fold(JobPlan plan) {
            this.plan = plan;
            this.sums = new ExactSum[plan.objects().size()];
            this.succeeded = new int[sums.length];
            java.util.Arrays.fill(sums, ExactSum.EMPTY);
        }

        public void add(int chunk, ExactSum result) {
            int object = plan.chunks().get(chunk).object();
            sums[object] = sums[object].merge(result);
            succeeded[object]++;
        }

        public List<ObjectResult> results(Set<Integer> failed) {
            return of(plan, List.of(sums), succeeded, failed);
        }
    }
}
