package dev.cumulus.aggregate.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.aggregate.plan.PlannedObject;
import dev.cumulus.core.error.PayloadTooLargeException;
import dev.cumulus.store.job.NewJob;

class JobTextsTest {

    final JobTexts texts = new JobTexts(new ObjectMapper().findAndRegisterModules());

    static List<PlannedObject> objects(int n, String prefix) {
        List<PlannedObject> objects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            objects.add(new PlannedObject(prefix + String.format("part-%05d.csv", i), 1_000_000L + i, false));
        }
        return objects;
    }

    @Test
    void tenThousandObjectsUnderOnePrefix_keptCompressed_readBackTheSame() {
        // given
        JobTexts.Plan plan = new JobTexts.Plan(JobTexts.Plan.OBJECTS, 0, 8 << 20,
                objects(10_000, "s3://sales/2026/12/"));

        // when
        String kept = texts.plan(plan);

        // then
        assertThat(kept).startsWith("gzip:");
        assertThat(kept.length()).isLessThan(NewJob.MAX_TEXT_LENGTH);
        assertThat(texts.plan(kept)).isEqualTo(plan);
    }

    @Test
    void shortPlan_keptAsJson() {
        JobTexts.Plan plan = new JobTexts.Plan(JobTexts.Plan.OBJECTS, 0, 100, objects(3, "s3://b/"));

        String kept = texts.plan(plan);

        assertThat(kept).startsWith("{");
        assertThat(texts.plan(kept)).isEqualTo(plan);
    }

    @Test
    void planThatDoesNotCompressUnderTheLimit_413() {
        // given: names of random letters compress poorly
        Random random = new Random(7);
        List<PlannedObject> objects = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            StringBuilder name = new StringBuilder("s3://b/");
            for (int c = 0; c < 120; c++) {
                name.append((char) ('a' + random.nextInt(26)));
            }
            objects.add(new PlannedObject(name.toString(), i, false));
        }

        // when / then
        assertThatThrownBy(() -> texts.plan(new JobTexts.Plan(JobTexts.Plan.OBJECTS, 0, 100, objects)))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("4000 objects");
    }

    @Test
    void planOfAnEarlierVersion_withoutObjects_stillRead() {
        JobTexts.Plan plan = texts.plan("{\"kind\":\"source\",\"size\":21,\"unit\":8}");

        assertThat(plan.kind()).isEqualTo(JobTexts.Plan.SOURCE);
        assertThat(plan.objects()).isNull();
        assertThat(plan.isSource()).isTrue();
    }
}
