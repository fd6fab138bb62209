package io.revbot.server.access;

import io.revbot.orchestrator.Principal;
import io.revbot.server.config.NamedToken;
import java.util.List;
import java.util.Optional;

/**
 * The tokens RevBot accepts and whom each stands for: {@code REVBOT_API_TOKENS} (webhook clients, who see their own
 * runs) and {@code REVBOT_VIEWER_TOKENS} (operators, who see all). A presented token is compared with every
 * configured one in constant time and without stopping at the first match, so timing tells nothing about which.
 */
public final class Credentials {
    /** Which list a token came from; part of the session cookie. */
    enum Kind {
        API,
        VIEWER
    }

    private final List<NamedToken> apiTokens;
    private final List<NamedToken> viewerTokens;

    public Credentials(List<NamedToken> apiTokens, List<NamedToken> viewerTokens) {
        this.apiTokens = List.copyOf(apiTokens);
        this.viewerTokens = List.copyOf(viewerTokens);
    }

    public boolean anyApiTokens() {
        return !apiTokens.isEmpty();
    }

    /** The webhook client a presented token names, if it is one of {@code REVBOT_API_TOKENS}. */
    public Optional<Principal.ApiClient> apiClient(String presented) {
        return match(apiTokens, presented).map(t -> new Principal.ApiClient(t.name()));
    }

    /** A configured token a caller presented, and which list it is in. */
    record Match(Kind kind, NamedToken token) {
        Caller caller() {
            return callerFor(kind, token.name());
        }
    }

    /** The configured token {@code presented} is, viewer tokens first (an operator's token wins over a client's). */
    Optional<Match> find(String presented) {
        Optional<NamedToken> viewer = match(viewerTokens, presented);
        Optional<NamedToken> api = match(apiTokens, presented);
        return viewer.map(t -> new Match(Kind.VIEWER, t)).or(() -> api.map(t -> new Match(Kind.API, t)));
    }

    /** Whoever a token is for on the viewer and the metrics: an operator or an API client. */
    Optional<Caller> caller(String presented) {
        return find(presented).map(Match::caller);
    }

    /** The token a session cookie names, to check its signature with. */
    Optional<NamedToken> named(Kind kind, String name) {
        return (kind == Kind.API ? apiTokens : viewerTokens)
                .stream().filter(t -> t.name().equals(name)).findFirst();
    }

    static Caller callerFor(Kind kind, String name) {
        return kind == Kind.VIEWER ? new Caller.Operator(name) : new Caller.Client(new Principal.ApiClient(name));
    }

    private static Optional<NamedToken> match(List<NamedToken> tokens, String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        NamedToken found = null;
        for (NamedToken token : tokens) {
            if (token.token().matches(presented) && found == null) { // no early exit: time does not tell which
                found = token;
            }
        }
        return Optional.ofNullable(found);
    }
}
