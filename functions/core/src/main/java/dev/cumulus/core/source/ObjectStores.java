package dev.cumulus.core.source;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The object stores an application carries, by URL scheme. Empty unless a store module (such as
 * {@code cumulus-source-s3}) is on the class path; the {@code http}, {@code https} and {@code file} schemes are the
 * reader's own and cannot be taken by a store.
 */
public final class ObjectStores {

    /** No store: only the reader's own schemes. */
    public static final ObjectStores NONE = new ObjectStores(List.of());

    private static final List<String> OWN = List.of("http", "https", "file");

    private final Map<String, ObjectStore> byScheme;

    public ObjectStores(Collection<? extends ObjectStore> stores) {
        this.byScheme = stores.stream().collect(Collectors.toUnmodifiableMap(
                s -> s.scheme().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("two object stores for the scheme " + a.scheme());
                }));
        for (String scheme : byScheme.keySet()) {
            if (OWN.contains(scheme)) {
                throw new IllegalArgumentException("an object store cannot serve the scheme " + scheme);
            }
        }
    }

    /** The store of a scheme, in any case, if one is carried. */
    public Optional<ObjectStore> find(String scheme) {
        return scheme == null ? Optional.empty() : Optional.ofNullable(byScheme.get(scheme.toLowerCase(Locale.ROOT)));
    }

    /** The schemes served, sorted, for messages. */
    List<String> schemes() {
        return byScheme.keySet().stream().sorted().toList();
    }
}
