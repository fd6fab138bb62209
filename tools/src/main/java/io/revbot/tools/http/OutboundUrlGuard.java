package io.revbot.tools.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses URLs that would make RevBot call into its own network (SSRF): only {@code http}/{@code https}, and every
 * address the host resolves to must be public: no loopback, link-local (including cloud metadata at
 * 169.254.169.254), private (RFC 1918, unique-local IPv6), carrier-grade NAT, multicast or unspecified addresses.
 * {@code allowPrivate} (development only) skips the address checks but keeps the scheme check.
 *
 * <p>Callers should connect to the address this guard checked (or re-check at connect time, e.g. with an OkHttp
 * {@code Dns} that applies {@link #checkAddresses}), so a DNS answer cannot change between check and use.
 */
public final class OutboundUrlGuard {
    private final boolean allowPrivate;
    private final Resolver resolver;

    /** Resolves a host name to its addresses; a seam for tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public OutboundUrlGuard(boolean allowPrivate) {
        this(allowPrivate, host -> List.of(InetAddress.getAllByName(host)));
    }

    public OutboundUrlGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Returns the URL if it may be called; throws {@link RefusedUrlException} saying why not. */
    public URI check(URI url) {
        if (url == null || url.getScheme() == null) {
            throw new RefusedUrlException("not an absolute URL: " + url);
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedUrlException("only http and https URLs are allowed, got " + scheme + ":");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedUrlException("URL has no host: " + url);
        }
        if (url.getUserInfo() != null) {
            throw new RefusedUrlException("URLs with credentials in them are not allowed");
        }
        if (!allowPrivate) {
            try {
                checkAddresses(host, resolver.resolve(stripBrackets(host)));
            } catch (UnknownHostException e) {
                throw new RefusedUrlException("cannot resolve host " + host);
            }
        }
        return url;
    }

    /** Throws unless every address is public (no-op when private addresses are allowed). */
    public List<InetAddress> checkAddresses(String host, List<InetAddress> addresses) {
        if (allowPrivate) {
            return addresses;
        }
        if (addresses.isEmpty()) {
            throw new RefusedUrlException("host " + host + " has no addresses");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new RefusedUrlException(
                        "host " + host + " resolves to a non-public address (" + address.getHostAddress() + ")");
            }
        }
        return addresses;
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240) {
                return false; // "this network", reserved and broadcast
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return false; // carrier-grade NAT 100.64.0.0/10
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return false; // IETF protocol assignments 192.0.0.0/24
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return false; // benchmarking 198.18.0.0/15
            }
            return true;
        }
        if (a instanceof Inet6Address) {
            return isPublicIpv6(b);
        }
        return false;
    }

    /**
     * IPv6 is judged after canonicalisation: an address that carries an IPv4 address (mapped, compatible,
     * translated, NAT64, 6to4, Teredo) is as public as that IPv4 address, so {@code [::127.0.0.1]},
     * {@code [64:ff9b::a9fe:a9fe]} (the metadata address through NAT64) or {@code [2002:7f00:1::]} (6to4 of loopback)
     * are refused like the address they lead to.
     */
    private static boolean isPublicIpv6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return false; // unique local fc00::/7
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return false; // deprecated site-local fec0::/10
        }
        Optional<byte[]> embedded = embeddedIpv4(b);
        if (embedded.isPresent()) {
            try {
                return isPublic(InetAddress.getByAddress(embedded.get()));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            return false; // NAT64 local-use 64:ff9b:1::/48: translates into a private network
        }
        if (startsWith(b, 0x01, 0x00, 0, 0, 0, 0, 0, 0)) {
            return false; // discard-only 100::/64
        }
        if (startsWith(b, 0x20, 0x01, 0x0d, 0xb8) || (first == 0x3f && (b[1] & 0xff) == 0xff && (b[2] & 0xf0) == 0)) {
            return false; // documentation 2001:db8::/32 and 3fff::/20
        }
        if (startsWith(b, 0x20, 0x01, 0x00) && (b[3] & 0xff) < 0x40 && (b[3] & 0xff) != 0) {
            return false; // IETF special purpose 2001:0001::–2001:003f:: (benchmarking, ORCHID…), Teredo aside
        }
        return true;
    }

    /** The IPv4 address an IPv6 address stands for, by each standard embedding; empty for a native IPv6 address. */
    static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        int b10 = b[10] & 0xff;
        int b11 = b[11] & 0xff;
        if (firstTenZero && ((b10 == 0 && b11 == 0) || (b10 == 0xff && b11 == 0xff))) {
            // IPv4-compatible ::a.b.c.d (:: and ::1 were judged before) and IPv4-mapped ::ffff:a.b.c.d
            return Optional.of(slice(b, 12, false));
        }
        if (startsWith(b, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0)) {
            return Optional.of(slice(b, 12, false)); // IPv4-translated ::ffff:0:a.b.c.d (RFC 2765)
        }
        if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            return Optional.of(slice(b, 12, false)); // NAT64 well-known prefix 64:ff9b::/96
        }
        if (startsWith(b, 0x20, 0x02)) {
            return Optional.of(slice(b, 2, false)); // 6to4 2002:a.b.c.d::/48
        }
        if (startsWith(b, 0x20, 0x01, 0x00, 0x00)) {
            // Teredo 2001::/32: the client's address is stored inverted in the last 32 bits; the server's follows
            // the prefix. Both must be public, so the worse of the two decides.
            byte[] server = slice(b, 4, false);
            byte[] client = slice(b, 12, true);
            try {
                if (!isPublic(InetAddress.getByAddress(server))) {
                    return Optional.of(server);
                }
            } catch (UnknownHostException e) {
                return Optional.of(new byte[] {0, 0, 0, 0});
            }
            return Optional.of(client);
        }
        return Optional.empty();
    }

    private static byte[] slice(byte[] b, int from, boolean inverted) {
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) (inverted ? ~b[from + i] : b[from + i]);
        }
        return out;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** A URL the guard refused; the message says why and is safe to show. */
    public static final class RefusedUrlException extends IllegalArgumentException {
        public RefusedUrlException(String message) {
            super(message);
        }
    }
}
