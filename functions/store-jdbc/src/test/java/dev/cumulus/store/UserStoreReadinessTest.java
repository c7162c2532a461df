package dev.cumulus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import dev.cumulus.store.jdbc.JdbcUserStore;
import dev.cumulus.store.testing.Ports;
import dev.cumulus.store.user.UserStore;

class UserStoreReadinessTest {

    @Test
    void reachableStore_isUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:readiness");

        HealthCheckResponse response = new UserStoreReadiness(new JdbcUserStore(h2, Duration.ofSeconds(1))).call();

        assertThat(response.getName()).isEqualTo("user-store");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void unreachableStore_isDownAndSaysWhy() {
        // given
        JdbcDataSource nowhere = new JdbcDataSource();
        nowhere.setURL("jdbc:h2:tcp://127.0.0.1:" + Ports.freeLoopbackPort() + "/mem:gone");

        // when
        HealthCheckResponse response = new UserStoreReadiness(new JdbcUserStore(nowhere, Duration.ofSeconds(1)))
                .call();

        // then
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(
                data -> assertThat(data.get("reason").toString()).startsWith("user store failed: ping (SQLState"));
    }

    @Test
    void storeThatCannotBeBuilt_isDownNotAnError() {
        // given: what a client proxy does when the producer refuses the configuration
        UserStore misconfigured = (UserStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{UserStore.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("the account store needs exactly one active datasource");
                });

        // when
        HealthCheckResponse response = new UserStoreReadiness(misconfigured).call();

        // then
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(
                data -> assertThat(data.get("reason").toString()).contains("exactly one active datasource"));
    }
}
