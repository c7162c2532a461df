package dev.cumulus.store.jdbc;

import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.flywaydb.core.Flyway;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.datasource.common.runtime.DataSourceUtil;
import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import dev.cumulus.store.job.JobStore;
import dev.cumulus.store.user.UserStore;

/**
 * The {@link UserStore} and the {@link JobStore} of an app that has this module on its class path: a
 * {@link JdbcUserStore} and a {@link JdbcJobStore}, on the same datasource, which hands out connections once the
 * {@link SchemaMigration} started with the app has finished.
 */
@ApplicationScoped
public class JdbcStoreBeans {

    @Produces
    @Singleton
    @DefaultBean
    UserStore userStore(JdbcStoreConfig config, MigratedStore store) {
        return new JdbcUserStore(store.dataSource(), config.pingTimeout());
    }

    @Produces
    @Singleton
    @DefaultBean
    JobStore jobStore(MigratedStore store) {
        return new JdbcJobStore(store.dataSource());
    }

    /** The store's datasource and its migration, chosen once. */
    record MigratedStore(DataSource dataSource, SchemaMigration migration) {
    }

    @Produces
    @Singleton
    MigratedStore migratedStore(JdbcStoreConfig config, @Any InjectableInstance<AgroalDataSource> dataSources,
            @Any InjectableInstance<Flyway> flyways) {
        InstanceHandle<AgroalDataSource> chosen = activeDataSource(config, dataSources);
        String name = AgroalDataSourceUtil.dataSourceName(chosen.getBean());
        SchemaMigration migration;
        if (config.migrateAtStart()) {
            Flyway flyway = (DataSourceUtil.isDefault(name)
                    ? flyways.select(Default.Literal.INSTANCE)
                    : flyways.select(FlywayDataSource.FlywayDataSourceLiteral.of(name))).get();
            migration = new SchemaMigration(() -> flyway.migrate(), config.migrationWait(), () -> Quarkus.asyncExit(1));
        } else {
            migration = SchemaMigration.none();
        }
        return new MigratedStore(new MigratedDataSource(chosen.get(), migration), migration);
    }

    /**
     * Starts the migration as soon as the app has started, instead of before its HTTP server opens (Quarkus' own
     * {@code quarkus.flyway.migrate-at-start}, which this module turns off): a first request waits only for what is
     * left of it.
     */
    void migrateAtStart(@Observes StartupEvent event, MigratedStore store) {
        store.migration().start();
    }

    /**
     * The datasource named by {@code cumulus.store.datasource}, else the only active one. db-kind is fixed at build
     * time, so one jar carries a PostgreSQL and an H2 datasource and the profile activates one
     * ({@code quarkus.datasource[."name"].active}); Flyway migrates only active ones.
     */
    private static InstanceHandle<AgroalDataSource> activeDataSource(JdbcStoreConfig config,
            InjectableInstance<AgroalDataSource> all) {
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
        return chosen;
    }
}
