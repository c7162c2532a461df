package dev.cumulus.core.source;

import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Makes the source classes, which know nothing of CDI, available to the function apps. */
@ApplicationScoped
public class SourceBeans {

    /** The store modules on the class path (such as {@code cumulus-source-s3}); none in most functions. */
    @Produces
    @ApplicationScoped
    ObjectStores stores(Instance<ObjectStore> stores) {
        return new ObjectStores(stores.stream().toList());
    }

    @Produces
    @ApplicationScoped
    SourceGuard guard(SourceConfig config, ObjectStores stores) {
        // file: sources need both the switch and a folder to confine them to
        Path root = config.allowFile() ? config.fileRoot().filter(r -> !r.isBlank()).map(Path::of).orElse(null) : null;
        return new SourceGuard(config.allowedHosts().orElse(List.of()), root, stores);
    }

    @Produces
    @ApplicationScoped
    SourceReader reader(SourceConfig config, ObjectStores stores) {
        return new SourceReader(SourceReader.Settings.of(config), stores);
    }
}
