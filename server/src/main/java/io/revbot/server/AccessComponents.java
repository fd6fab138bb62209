package io.revbot.server;

import static io.revbot.server.Components.lazy;

import io.revbot.server.access.Credentials;
import io.revbot.server.access.CredentialsFilter;
import io.revbot.server.access.FailedAuthLimiter;
import io.revbot.server.access.LoginService;
import io.revbot.server.config.Config;
import io.revbot.server.config.NamedToken;
import io.revbot.server.jobs.LocalServer;
import io.revbot.server.queue.JobQueue;
import io.revbot.server.webhook.WebhookAccess;
import io.revbot.tools.Secret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds who-may-see-what for the server: the accepted tokens ({@code REVBOT_API_TOKENS}, {@code
 * REVBOT_VIEWER_TOKENS}), one limit on failed attempts per client address shared by every surface, the filter in front
 * of every data-showing page, the login form, and the webhook API's caller and ownership checks. The constructor does
 * no I/O.
 */
final class AccessComponents {
    private final Config config;
    private final Clock clock;

    private final Supplier<Credentials> credentials = lazy(this::buildCredentials);
    private final Supplier<FailedAuthLimiter> failedAuthLimiter = lazy(this::buildFailedAuthLimiter);
    private final Supplier<Secret> localToken = lazy(LocalServer::newToken);

    AccessComponents(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    Credentials credentials() {
        return credentials.get();
    }

    FailedAuthLimiter failedAuthLimiter() {
        return failedAuthLimiter.get();
    }

    /** The gate of the viewer, its API, {@code /observe/metrics} and every page mounted later. */
    CredentialsFilter credentialsFilter() {
        return new CredentialsFilter(
                credentials(), failedAuthLimiter(), config.access().viewerAllowAnonymous(), clock);
    }

    LoginService loginService() {
        return new LoginService(credentials(), failedAuthLimiter(), clock);
    }

    /** Who calls {@code /webhook} and which requests they may follow. */
    WebhookAccess webhookAccess(JobQueue queue) {
        return new WebhookAccess(credentials(), config.webhook().allowUnauthenticated(), failedAuthLimiter(), queue);
    }

    private FailedAuthLimiter buildFailedAuthLimiter() {
        return new FailedAuthLimiter(FailedAuthLimiter.DEFAULT_FAILURES_PER_MINUTE, clock);
    }

    private Credentials buildCredentials() {
        List<NamedToken> viewers = new ArrayList<>(config.access().viewerTokens());
        localToken().ifPresent(t -> viewers.add(new NamedToken(LocalServer.TOKEN_NAME, t)));
        return new Credentials(config.webhook().apiTokens(), viewers);
    }

    /**
     * In embedded mode, the operator token of this {@code serve} run that local commands read from
     * {@code REVBOT_HOME/serve.json} ({@code revbot jobs}: the queue is in this process's memory).
     */
    Optional<Secret> localToken() {
        return config.storage().embedded() ? Optional.of(localToken.get()) : Optional.empty();
    }
}
