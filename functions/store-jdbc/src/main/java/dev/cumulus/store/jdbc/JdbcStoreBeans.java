package dev.cumulus.store.jdbc;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.arc.InstanceHandle;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.user.UserStore;

/**
 * The {@link UserStore} and the {@link JobStore} of an app that has this module on its class path: a
 * {@link JdbcUserStore} and a {@link JdbcJobStore}, on the same datasource.
 */
@ApplicationScoped
public class JdbcStoreBeans {

    @Produces
    @Singleton
    @DefaultBean
    UserStore userStore(JdbcStoreConfig config, @Any InjectableInstance<AgroalDataSource> dataSources) {
        return new JdbcUserStore(activeDataSource(config, dataSources), config.pingTimeout());
    }

    @Produces
    @Singleton
    @DefaultBean
    JobStore jobStore(JdbcStoreConfig config, @Any InjectableInstance<AgroalDataSource> dataSources) {
        return new JdbcJobStore(activeDataSource(config, dataSources));
    }

    /**
     * The datasource named by {@code cumulus.store.datasource}, else the only active one. db-kind is fixed at build
     * time, so one jar carries a PostgreSQL and an H2 datasource and the profile activates one
     * ({@code quarkus.datasource[."name"].active}); Flyway migrates only active ones.
     */
    private static AgroalDataSource activeDataSource(JdbcStoreConfig config, InjectableInstance<AgroalDataSource> all) {
        Map<String, InstanceHandle<AgroalDataSource>> active = new TreeMap<>();
        for (InstanceHandle<AgroalDataSource> handle : all.handles()) {
            if (handle.getBean().isActive()) {
                active.put(AgroalDataSourceUtil.dataSourceName(handle.getBean()), handle);
            }
        }
        String name = config.datasource().orElseGet(() -> {
            if (active.size() != 1) {
                throw new IllegalStateException("the store needs exactly one active datasource, found "
                        + active.keySet() + "; activate one (quarkus.datasource.active) or name it in "
                        + "cumulus.store.datasource");
            }
            return active.keySet().iterator().next();
        });
        InstanceHandle<AgroalDataSource> chosen = active.get(name);
        if (chosen == null) {
            throw new IllegalStateException("cumulus.store.datasource names '" + name
                    + "', which is not an active datasource; active: " + active.keySet());
        }
        return chosen.get();
    }
}
