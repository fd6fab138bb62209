package io.revbot.server.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.helidon.webserver.http.HttpService;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.Supervisor;
import io.revbot.orchestrator.recording.FeedbackStore;
import io.revbot.server.config.AccessConfig;
import io.revbot.server.config.Config;
import io.revbot.server.queue.JobHandler;
import io.revbot.server.queue.JobQueue;
import io.revbot.tools.ConfigurationException;
import io.revbot.tools.actions.PendingActions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * RevBot's Slack integration, assembled: the two HTTP services to register under {@code /slack}, the job handler
 * for {@code SLACK_EVENT}, and Socket Mode when an app token is configured. Nothing here does I/O until a request
 * arrives or {@link #socketMode()} is started.
 */
public final class SlackBot implements AutoCloseable {
    /** Slack's published guidance: about one message per second per channel. */
    public static final Duration DEFAULT_CHANNEL_INTERVAL = Duration.ofSeconds(1);
    /** {@code chat.appendStream} is tier 4 (100+ calls a minute): one call per 0.6 s per stream stays within it. */
    public static final Duration DEFAULT_STREAM_INTERVAL = Duration.ofMillis(600);

    private final Config.SlackConfig config;
    private final Slack slack;
    private final SlackEventIntake intake;
    private final SlackEventsService eventsService;
    private final SlackInteractionsService interactionsService;
    private final SlackEventHandler eventHandler;
    private final SlackSocketMode socketMode;

    /**
     * @param supervisor asked for on the first question (so a server without a model still starts)
     * @param runListener hears every Slack run's events besides the narration (metrics, recorder)
     * @param pendingActions the approval port; null when write actions are not available (buttons then say so)
     * @param channelInterval minimum spacing of RevBot's messages in one channel
     */
    public SlackBot(
            Config.SlackConfig config,
            JobQueue queue,
            Supplier<Supervisor> supervisor,
            RunListener runListener,
            PendingActions pendingActions,
            Clock clock,
            Duration channelInterval) {
        this(
                config,
                AccessConfig.SlackAccess.DEFAULTS,
                queue,
                supervisor,
                runListener,
                pendingActions,
                clock,
                channelInterval);
    }

    /**
     * @param access who may ask: the installation (configured, or learned from {@code auth.test}), external users,
     *     the access lists
     */
    public SlackBot(
            Config.SlackConfig config,
            AccessConfig.SlackAccess access,
            JobQueue queue,
            Supplier<Supervisor> supervisor,
            RunListener runListener,
            PendingActions pendingActions,
            Clock clock,
            Duration channelInterval) {
        this(
                config,
                access,
                queue,
                supervisor,
                runListener,
                pendingActions,
                FeedbackStore.NONE,
                clock,
                channelInterval,
                DEFAULT_STREAM_INTERVAL);
    }

    /**
     * @param feedback where the feedback buttons under answers store clicks
     * @param streamInterval minimum spacing of the calls that stream one answer ({@code chat.appendStream})
     */
    public SlackBot(
            Config.SlackConfig config,
            AccessConfig.SlackAccess access,
            JobQueue queue,
            Supplier<Supervisor> supervisor,
            RunListener runListener,
            PendingActions pendingActions,
            FeedbackStore feedback,
            Clock clock,
            Duration channelInterval,
            Duration streamInterval) {
        this.config = Objects.requireNonNull(config, "config");
        var botToken = config.botToken()
                .orElseThrow(() -> new ConfigurationException("SLACK_BOT_TOKEN", "required to run the Slack bot"));
        SlackConfig sdkConfig = new SlackConfig();
        String prefix = config.apiUrl().toString();
        sdkConfig.setMethodsEndpointUrlPrefix(prefix.endsWith("/") ? prefix : prefix + "/");
        sdkConfig.setPrettyResponseLoggingEnabled(false);
        sdkConfig.setStatsEnabled(false);
        this.slack = Slack.getInstance(sdkConfig);
        SlackApi api = new SlackApi(slack, botToken);
        SlackAgentApi agents = new SlackAgentApi(api);
        SlackAgentMode agentMode = new SlackAgentMode();
        SlackRuns runs = new SlackRuns(supervisor);
        ChannelThrottle throttle = new ChannelThrottle(channelInterval);
        SlackApprovals approvals = pendingActions == null
                ? null
                : new SlackApprovals(
                        api, pendingActions, config.approvers(), config.approvalTtl(), clock, agents, agentMode);
        SlackFeedback ratings = new SlackFeedback(Objects.requireNonNull(feedback, "feedback"), clock);
        SlackInstallation installation = new SlackInstallation(access, api::identity);
        this.intake = new SlackEventIntake(
                queue, installation, clock, runs, new SuggestedPrompts(agents, agentMode, SuggestedPrompts.DEFAULTS));
        // Without a signing secret (Socket Mode only) the HTTP endpoints refuse everything: nothing verifies them.
        SlackRequestVerification verification = new SlackRequestVerification(new SlackSignatureVerifier(
                config.signingSecret()
                        .orElseGet(() -> io.revbot.tools.Secret.of(
                                java.util.UUID.randomUUID().toString())),
                clock));
        this.eventsService = new SlackEventsService(verification, intake);
        this.interactionsService = new SlackInteractionsService(verification, installation, approvals, ratings);
        this.socketMode = config.appToken()
                .map(token -> new SlackSocketMode(slack, token, intake, installation, approvals, ratings))
                .orElse(null);
        this.eventHandler = new SlackEventHandler(
                api,
                new SlackAccessPolicy(access, installation, api::usergroupMembers, clock),
                supervisor,
                runListener,
                approvals,
                throttle,
                new SlackMessageSplitter(SlackMessageSplitter.DEFAULT_LIMIT),
                agentMode,
                runs,
                streamInterval);
    }

    /** Both Slack endpoints as one service: mount it at {@code /slack} ({@code /slack/events}, {@code /slack/interactions}). */
    public HttpService httpService() {
        return rules -> rules.register(eventsService, interactionsService);
    }

    /** {@code POST /slack/events}: register with {@code routing.register("/slack", eventsService())}. */
    public SlackEventsService eventsService() {
        return eventsService;
    }

    /** {@code POST /slack/interactions}: register with {@code routing.register("/slack", interactionsService())}. */
    public SlackInteractionsService interactionsService() {
        return interactionsService;
    }

    /** The worker's handler for {@code JobKind.SLACK_EVENT}. */
    public JobHandler eventHandler() {
        return eventHandler;
    }

    /**
     * Starts Socket Mode when {@code SLACK_APP_TOKEN} is set (events and clicks then arrive over a websocket, no
     * public URL needed); returns whether it did. It connects in the background and keeps reconnecting with backoff,
     * so Slack being unreachable never stops the server; the HTTP endpoints keep working alongside.
     */
    public boolean startSocketMode() {
        if (socketMode == null) {
            return false;
        }
        socketMode.start();
        return true;
    }

    /** The {@code slack} check of {@code /observe/health}, when Socket Mode is configured. */
    public java.util.Optional<io.helidon.health.HealthCheck> socketModeHealth() {
        return java.util.Optional.ofNullable(socketMode).map(SocketModeHealthCheck::new);
    }

    @Override
    public void close() throws Exception {
        if (socketMode != null) {
            socketMode.close();
        }
        slack.close();
    }
}
