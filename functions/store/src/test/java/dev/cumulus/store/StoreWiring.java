package dev.cumulus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.cumulus.store.job.ChunkRecord;
import dev.cumulus.store.job.JobKey;
import dev.cumulus.store.job.JobState;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.job.NewJob;
import dev.cumulus.store.password.PasswordHasher;
import dev.cumulus.store.user.NewUser;
import dev.cumulus.store.user.UserStore;
import dev.cumulus.store.user.Usernames;
import io.quarkus.arc.ClientProxy;

/** What the wiring tests check of the beans an app gets. */
public final class StoreWiring {

    private StoreWiring() {
    }

    public static Object unwrap(Object bean) {
        return bean instanceof ClientProxy proxy ? proxy.arc_contextualInstance() : bean;
    }

    /** An account made the way register makes one can be found and checked the way login checks it. */
    public static void assertRoundTrip(UserStore store, PasswordHasher hasher) {
        String name = Usernames.normalise(" Wiring-" + UUID.randomUUID() + " ");
        store.create(new NewUser(UUID.randomUUID(), name, null, hasher.hash("pa55word"), Instant.now()));

        assertThat(store.find(name)).hasValueSatisfying(user -> {
            assertThat(hasher.verify("pa55word", user.passwordHash())).isTrue();
            assertThat(hasher.needsRehash(user.passwordHash())).isFalse();
        });
        store.ping();
    }

    /** A job submitted, claimed, recorded and finished the way aggregate runs one. */
    public static void assertJobRoundTrip(JobStore jobs) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JobKey key = new JobKey("wiring-" + UUID.randomUUID(), "job-1");
        jobs.submit(new NewJob(key, "sha256:wiring", "{}", "{}", 2, now, now.plusSeconds(60), now.plusSeconds(3600)),
                now);
        assertThat(jobs.claim(key, "wiring", now, now.plusSeconds(30))).isPresent();
        ChunkRecord chunk = new ChunkRecord(0, 0, 1, 1, "1", "1", "1", 1);
        assertThat(jobs.record(key, List.of(chunk, chunk))).isEqualTo(1);
        assertThat(jobs.finish(key, "wiring", JobState.SUCCEEDED, 0, 0, "{}", now)).isTrue();
        assertThat(jobs.find(key, now))
                .hasValueSatisfying(job -> assertThat(job.state()).isEqualTo(JobState.SUCCEEDED));
        assertThat(jobs.chunks(key)).containsExactly(chunk);
        assertThat(jobs.countUnfinished(key.owner(), now)).isZero();
    }
}
