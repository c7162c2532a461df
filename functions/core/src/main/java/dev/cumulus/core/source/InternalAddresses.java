package dev.cumulus.core.source;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Which addresses a source may not name: everything but public unicast. IPv4: this network, loopback, private,
 * shared (carrier NAT), link-local, IETF protocol assignments, benchmarking, multicast, reserved and broadcast. IPv6:
 * unspecified, loopback, link- and site-local, unique local, multicast, discard-only and documentation, the local-use
 * NAT64 prefix {@code 64:ff9b:1::/48}; and every form that carries an IPv4 address is judged by that address:
 * IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16} and Teredo {@code 2001::/32} (its client address is the last 32 bits inverted; its server address,
 * bits 32 to 63, is judged too).
 */
final class InternalAddresses {

    private InternalAddresses() {
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        return a instanceof Inet4Address ? isInternalV4(b, 0) : isInternalV6(b);
    }

    /** The IPv4 address in {@code b[at..at+3]}. */
    static boolean isInternalV4(byte[] b, int at) {
        int first = b[at] & 0xff;
        int second = b[at + 1] & 0xff;
        int third = b[at + 2] & 0xff;
        return first == 0 // "this network"
                || first == 10 || first == 127 // private, loopback
                || (first == 100 && second >= 64 && second <= 127) // shared address space (carrier NAT)
                || (first == 169 && second == 254) // link-local, cloud metadata
                || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168) // private
                || (first == 192 && second == 0 && third == 0) // IETF protocol assignments
                || (first == 198 && (second == 18 || second == 19)) // benchmarking
                || first >= 224; // multicast, reserved and broadcast
    }

    private static boolean isInternalV6(byte[] b) {
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if ((b[0] & 0xfe) == 0xfc) { // unique local fc00::/7, which holds AWS's fd00:ec2::254
            return true;
        }
        if (zero(b, 0, 10) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return isInternalV4(b, 12); // IPv4-mapped and IPv4-compatible
        }
        if (w0 == 0x0064 && w1 == 0xff9b) {
            // NAT64: the well-known prefix 64:ff9b::/96 carries the address in its last 32 bits; the local-use
            // prefix 64:ff9b:1::/48 reaches a translator of the operator's own network
            return !zero(b, 4, 12) || isInternalV4(b, 12);
        }
        if (w0 == 0x2002) {
            return isInternalV4(b, 2); // 6to4
        }
        if (w0 == 0x2001 && w1 == 0x0000) { // Teredo
            byte[] client = {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]};
            return isInternalV4(client, 0) || isInternalV4(b, 4);
        }
        return (w0 == 0x0100 && zero(b, 2, 8)) // discard-only 100::/64
                || (w0 == 0x2001 && w1 == 0x0db8); // documentation 2001:db8::/32
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
