package dev.cumulus.core.source;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cumulus.core.error.InvalidInputException;
import dev.cumulus.core.error.SourceUnavailableException;

/**
 * Keeps source URLs away from the platform's own network (server-side request forgery): a host that resolves to a
 * loopback, private, link-local (such as the cloud metadata address 169.254.169.254), shared, multicast or unspecified
 * address is refused unless it is on the allow-list. {@code file:} URLs need their own switch.
 */
public final class SourceGuard {

    static final String FIELD = "source.url";

    private final Set<String> allowedHosts;
    private final boolean allowFile;

    public SourceGuard(List<String> allowedHosts, boolean allowFile) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.allowFile = allowFile;
    }

    /** Parses and checks a source URL; returns it when it may be read. */
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
        switch (scheme) {
            case "http", "https" -> checkHost(uri);
            case "file" -> {
                if (!allowFile) {
                    throw new InvalidInputException(FIELD, "file: sources are turned off (cumulus.sources.allow-file)");
                }
                if (uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw new InvalidInputException(FIELD, "a file: URL needs an absolute path");
                }
            }
            default -> throw new InvalidInputException(FIELD, "must be an http, https or file URL");
        }
        return uri;
    }

    private void checkHost(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidInputException(FIELD, "has no host");
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
            if (isInternal(address)) {
                throw new InvalidInputException(FIELD, "host " + bare + " resolves to a loopback, private or link-local"
                        + " address; add it to cumulus.sources.allowed-hosts to allow it");
            }
        }
    }

    /** True for every address that is not a public unicast address. */
    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // shared address space (carrier NAT)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7, which holds AWS's fd00:ec2::254
                return true;
            }
            if (isEmbeddedIpv4(b)) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /** IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses. */
    private static boolean isEmbeddedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }
}
