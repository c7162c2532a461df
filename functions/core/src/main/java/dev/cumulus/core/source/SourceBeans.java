package dev.cumulus.core.source;

import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the source classes, which know nothing of CDI, available to the function apps. */
@ApplicationScoped
public class SourceBeans {

    @Produces
    @ApplicationScoped
    SourceGuard guard(SourceConfig config) {
        // file: sources need both the switch and a folder to confine them to
        Path root = config.allowFile() ? config.fileRoot().filter(r -> !r.isBlank()).map(Path::of).orElse(null) : null;
        return new SourceGuard(config.allowedHosts().orElse(List.of()), root);
    }

    @Produces
    @ApplicationScoped
    SourceReader reader(SourceConfig config) {
        return new SourceReader(SourceReader.Settings.of(config));
    }
}
