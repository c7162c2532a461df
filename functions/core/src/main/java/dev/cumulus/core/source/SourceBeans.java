package dev.cumulus.core.source;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the source classes, which know nothing of CDI, available to the function apps. */
@ApplicationScoped
public class SourceBeans {

    @Produces
    @ApplicationScoped
    SourceGuard guard(SourceConfig config) {
        return new SourceGuard(config.allowedHosts().orElse(List.of()), config.allowFile());
    }

    @Produces
    @ApplicationScoped
    SourceReader reader(SourceConfig config) {
        return new SourceReader(config.connectTimeout(), config.readTimeout());
    }
}
