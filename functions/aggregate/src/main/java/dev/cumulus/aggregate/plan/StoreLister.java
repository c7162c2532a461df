package dev.cumulus.aggregate.plan;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.cumulus.core.source.ObjectStore;
import dev.cumulus.core.source.ObjectStores;

/**
 * Lists prefixes of the object stores the application carries: a URL of a store's scheme whose path is empty or ends
 * in {@code /} ({@code s3://bucket/prefix/}) stands for every object under it.
 */
public final class StoreLister implements ObjectLister {

    private final ObjectStores stores;

    public StoreLister(ObjectStores stores) {
        this.stores = stores;
    }

    @Override
    public boolean isPrefix(URI uri) {
        if (store(uri).isEmpty()) {
            return false;
        }
        String path = uri.getRawPath();
        return path == null || path.isEmpty() || path.endsWith("/");
    }

    @Override
    public URI check(URI prefix) {
        return store(prefix).orElseThrow().check(prefix, true);
    }

    @Override
    public List<Listed> list(URI prefix, int max, String requestId) {
        return store(prefix).orElseThrow().list(prefix, max).stream()
                .map(e -> new Listed(e.uri().toString(), e.size())).toList();
    }

    private Optional<ObjectStore> store(URI uri) {
        return stores.find(uri.getScheme());
    }
}
