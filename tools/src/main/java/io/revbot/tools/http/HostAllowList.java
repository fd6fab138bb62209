package io.revbot.tools.http;

import java.net.IDN;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names an operator allows for some outbound use (webhook actions, links in answers): exact names
 * ({@code hooks.example.com}) or a whole domain below a name ({@code *.example.com}, which does not include
 * {@code example.com} itself). Names compare case-insensitively after IDN conversion and without a trailing dot, so
 * {@code HOOKS.example.com.} is {@code hooks.example.com}; IP literals match only when listed literally.
 */
public final class HostAllowList {
    private static final Pattern ENTRY =
            Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final List<String> exact;
    private final List<String> suffixes;

    private HostAllowList(List<String> exact, List<String> suffixes) {
        this.exact = List.copyOf(exact);
        this.suffixes = List.copyOf(suffixes);
    }

    public static HostAllowList none() {
        return new HostAllowList(List.of(), List.of());
    }

    /**
     * Parses entries such as {@code hooks.example.com} and {@code *.example.com}.
     *
     * @throws IllegalArgumentException naming the first entry that is not a host name or a {@code *.} pattern
     */
    public static HostAllowList of(Collection<String> entries) {
        List<String> exact = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String raw : entries) {
            String entry = canonical(raw.strip());
            if (!ENTRY.matcher(entry).matches()) {
                throw new IllegalArgumentException(
                        "'" + raw + "' is not a host name (hooks.example.com) or a domain pattern (*.example.com)");
            }
            if (entry.startsWith("*.")) {
                suffixes.add(entry.substring(1));
            } else {
                exact.add(entry);
            }
        }
        return new HostAllowList(exact, suffixes);
    }

    /** This list plus {@code more}. */
    public HostAllowList with(HostAllowList more) {
        List<String> e = new ArrayList<>(exact);
        e.addAll(more.exact);
        List<String> s = new ArrayList<>(suffixes);
        s.addAll(more.suffixes);
        return new HostAllowList(e, s);
    }

    public boolean isEmpty() {
        return exact.isEmpty() && suffixes.isEmpty();
    }

    public boolean allows(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = canonical(host);
        if (exact.contains(h)) {
            return true;
        }
        for (String suffix : suffixes) {
            if (h.endsWith(suffix) && h.length() > suffix.length()) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code url} is an absolute http(s) URL whose host this list allows. */
    public boolean allows(URI url) {
        return url != null
                && url.getScheme() != null
                && (url.getScheme().equalsIgnoreCase("https") || url.getScheme().equalsIgnoreCase("http"))
                && allows(url.getHost());
    }

    /** The host of an absolute URL, as this list compares it; empty when there is none. */
    public static Optional<String> hostOf(URI url) {
        return Optional.ofNullable(url == null ? null : url.getHost())
                .filter(h -> !h.isBlank())
                .map(HostAllowList::canonical);
    }

    private static String canonical(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.startsWith("[") && h.endsWith("]")) {
            return h.toLowerCase(Locale.ROOT);
        }
        try {
            boolean wildcard = h.startsWith("*.");
            String ascii = IDN.toASCII(wildcard ? h.substring(2) : h, IDN.ALLOW_UNASSIGNED);
            return (wildcard ? "*." : "") + ascii.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return h.toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(exact);
        suffixes.forEach(s -> all.add("*" + s));
        return String.join(", ", all);
    }
}
