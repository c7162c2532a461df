package dev.cumulus.core.source;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.SourceUnavailableException;

/**
 * Keeps source URLs away from the platform's own network (server-side request forgery) and its own files. A host that
 * resolves to a loopback, private, link-local (such as the cloud metadata address 169.254.169.254), shared, multicast,
 * reserved or unspecified address is refused unless it is on the allow-list; an IPv6 address that carries an IPv4
 * address (IPv4-mapped and -compatible, NAT64, 6to4, Teredo) is judged by that IPv4 address. A {@code file:} URL must
 * name a regular file under the file root, after links are resolved; without a root, {@code file:} is off.
 *
 * <p>
 * Other schemes are served by the {@link ObjectStore}s the application carries (such as {@code s3}), which check
 * their own URLs (allowed buckets) before any request; without a store for it, a scheme is refused.
 *
 * <p>
 * The check resolves the host once; the connection resolves it again, so a name whose answer changes between the two
 * (DNS rebinding) is not caught here: that is left to the network (egress rules).
 */
public final class SourceGuard {

    /** The request field every refusal of a source URL names. */
    public static final String FIELD = "source.url";

    private final Set<String> allowedHosts;
    /** The folder {@code file:} sources must lie in (absolute, normalised), or {@code null}: no {@code file:}. */
    private final Path fileRoot;
    private final ObjectStores stores;

    /**
     * @param fileRoot the folder {@code file:} sources must lie in, or {@code null} to refuse every {@code file:}
     *        source; relative to the working directory
     */
    public SourceGuard(List<String> allowedHosts, Path fileRoot) {
        this(allowedHosts, fileRoot, ObjectStores.NONE);
    }

    /**
     * @param fileRoot as in {@link #SourceGuard(List, Path)}
     * @param stores the object stores that check the URLs of their schemes
     */
    public SourceGuard(List<String> allowedHosts, Path fileRoot, ObjectStores stores) {
        this.stores = stores;
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.fileRoot = fileRoot == null ? null : fileRoot.toAbsolutePath().normalize();
    }

    /**
     * For tests and tools: {@code allowFile} opens the whole file system. The functions build their guard from
     * configuration, where {@code file:} sources always need a root.
     */
    public SourceGuard(List<String> allowedHosts, boolean allowFile) {
        this(allowedHosts, allowFile ? Path.of("/") : null);
    }

    /**
     * Parses and checks a source URL; returns it when it may be read. A {@code file:} URL comes back as the URL of
     * the real path it names, which is the one to open.
     */
    public URI check(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException(FIELD, "is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (Exception e) {
            throw new InvalidInputException(FIELD, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> {
                checkHost(uri);
                yield uri;
            }
            case "file" -> checkFile(uri);
            default -> stores.find(scheme).map(store -> store.check(uri, false))
                    .orElseThrow(() -> new InvalidInputException(FIELD, "must be an http, https or file URL"
                            + stores.schemes().stream().map(s -> ", or " + s).reduce("", String::concat)));
        };
    }

    private void checkHost(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidInputException(FIELD, "has no valid host");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw new InvalidInputException(FIELD, "has a port outside 1 to 65535");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new SourceUnavailableException("cannot resolve source host " + bare);
        }
        for (InetAddress address : addresses) {
            if (InternalAddresses.isInternal(address)) {
                throw new InvalidInputException(FIELD, "host " + bare + " resolves to a loopback, private or link-local"
                        + " address; add it to cumulus.sources.allowed-hosts to allow it");
            }
        }
    }

    private URI checkFile(URI uri) {
        if (fileRoot == null) {
            throw new InvalidInputException(FIELD,
                    "file: sources are turned off (cumulus.sources.allow-file and cumulus.sources.file-root)");
        }
        if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
            throw new InvalidInputException(FIELD, "a file: URL names no host (file:///path)");
        }
        if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new InvalidInputException(FIELD, "a file: URL needs an absolute path and nothing else");
        }
        Path path;
        try {
            path = Path.of(uri).normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new InvalidInputException(FIELD, "is not a valid file URL");
        }
        Path realRoot;
        try {
            realRoot = fileRoot.toRealPath();
        } catch (IOException e) {
            throw new SourceUnavailableException("the file root (cumulus.sources.file-root) does not exist");
        }
        // outside the root, say nothing about whether the file exists
        if (!path.startsWith(fileRoot) && !path.startsWith(realRoot)) {
            throw outsideRoot();
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new SourceUnavailableException("no such file: " + path);
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read file " + path + ": " + e.getClass().getSimpleName());
        }
        if (!real.startsWith(realRoot)) {
            throw outsideRoot(); // a link that leads out
        }
        if (!Files.isRegularFile(real)) {
            throw new InvalidInputException(FIELD, "is not a regular file");
        }
        return real.toUri();
    }

    private static InvalidInputException outsideRoot() {
        return new InvalidInputException(FIELD,
                "file: sources must lie under the file root (cumulus.sources.file-root)");
    }

    /** True for every address that is not a public unicast address; see {@link InternalAddresses}. */
    static boolean isInternal(InetAddress a) {
        return InternalAddresses.isInternal(a);
    }
}
