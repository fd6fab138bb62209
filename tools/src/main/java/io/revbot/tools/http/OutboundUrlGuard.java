package io.revbot.tools.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            v4Mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (v4Mapped) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // documentation 2001:db8::/32
            }
            return true;
        }
        return false;
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
