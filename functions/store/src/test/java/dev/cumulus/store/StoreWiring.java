package dev.cumulus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

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
}
