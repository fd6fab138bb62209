package io.revbot.server.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.block.LayoutBlock;
import io.revbot.tools.Secret;
import io.revbot.tools.UpstreamException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The few Slack Web API methods RevBot uses, through {@code slack-api-client}: post, update and ephemeral messages,
 * who the bot is, and user-group members.
 * Checks {@code ok}, retries throttling and Slack-side errors a few times (honouring {@code Retry-After}), and
 * turns what remains into {@link UpstreamException}.
 */
final class SlackApi {
    private static final System.Logger LOG = System.getLogger(SlackApi.class.getName());
    private static final Set<String> RETRIABLE_ERRORS =
            Set.of("ratelimited", "service_unavailable", "internal_error", "fatal_error", "request_timeout");
    private static final int ATTEMPTS = 3;
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(10);

    private final MethodsClient methods;
    private final Secret botToken;

    SlackApi(Slack slack, Secret botToken) {
        this.methods = Objects.requireNonNull(slack, "slack").methods(botToken.reveal());
        this.botToken = botToken;
    }

    /** Posts {@code text} (mrkdwn) in a thread; returns the new message's ts. */
    String post(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        var response = call(
                "chat.postMessage",
                () -> methods.chatPostMessage(r -> r.channel(channel)
                        .threadTs(threadTs)
                        .text(text)
                        .blocks(blocks == null || blocks.isEmpty() ? null : blocks)
                        .mrkdwn(true)
                        .unfurlLinks(false)
                        .unfurlMedia(false)));
        return response.getTs();
    }

    void update(String channel, String ts, String text, List<LayoutBlock> blocks) {
        call(
                "chat.update",
                () -> methods.chatUpdate(r -> r.channel(channel)
                        .ts(ts)
                        .text(text)
                        .blocks(blocks == null || blocks.isEmpty() ? null : blocks)));
    }

    void postEphemeral(String channel, String user, String threadTs, String text) {
        call(
                "chat.postEphemeral",
                () -> methods.chatPostEphemeral(
                        r -> r.channel(channel).user(user).threadTs(threadTs).text(text)));
    }

    /** Who the bot token is: its workspace, organisation and app ({@code auth.test}, then {@code bots.info}). */
    SlackInstallation.Identity identity() {
        var auth = call("auth.test", () -> methods.authTest(r -> r));
        String appId = auth.getAppId();
        if ((appId == null || appId.isBlank()) && auth.getBotId() != null) {
            appId = call("bots.info", () -> methods.botsInfo(r -> r.bot(auth.getBotId())))
                    .getBot()
                    .getAppId();
        }
        return new SlackInstallation.Identity(
                auth.getTeamId(), java.util.Optional.ofNullable(auth.getEnterpriseId()), appId);
    }

    /** The members of a user group ({@code usergroups.users.list}, scope {@code usergroups:read}). */
    List<String> usergroupMembers(String usergroupId) {
        return call("usergroups.users.list", () -> methods.usergroupsUsersList(r -> r.usergroup(usergroupId)))
                .getUsers();
    }

    /**
     * Calls a Web API method that {@code slack-api-client} 1.51.0 does not know ({@code chat.startStream},
     * {@code agents.sessions.setStatus}…) as a form POST with the bot token; null parameters are left out. Returns the
     * message ts the method answered, if any.
     */
    java.util.Optional<String> form(String method, java.util.Map<String, String> params) {
        var response = call(
                method,
                () -> methods.postFormWithTokenAndParseResponse(
                        form -> {
                            params.forEach((k, v) -> {
                                if (v != null) {
                                    form.add(k, v);
                                }
                            });
                            return form;
                        },
                        method,
                        botToken.reveal(),
                        FormResponse.class));
        return java.util.Optional.ofNullable(response.getTs());
    }

    /** What a method called through {@link #form} answers: {@code ok}, {@code error} and, for messages, {@code ts}. */
    public static final class FormResponse implements SlackApiTextResponse {
        private boolean ok;
        private String warning;
        private String error;
        private String needed;
        private String provided;
        private String ts;
        private transient java.util.Map<String, List<String>> httpResponseHeaders;

        @Override
        public boolean isOk() {
            return ok;
        }

        @Override
        public void setOk(boolean ok) {
            this.ok = ok;
        }

        @Override
        public String getWarning() {
            return warning;
        }

        @Override
        public void setWarning(String warning) {
            this.warning = warning;
        }

        @Override
        public String getError() {
            return error;
        }

        @Override
        public void setError(String error) {
            this.error = error;
        }

        @Override
        public String getNeeded() {
            return needed;
        }

        @Override
        public void setNeeded(String needed) {
            this.needed = needed;
        }

        @Override
        public String getProvided() {
            return provided;
        }

        @Override
        public void setProvided(String provided) {
            this.provided = provided;
        }

        public String getTs() {
            return ts;
        }

        @Override
        public java.util.Map<String, List<String>> getHttpResponseHeaders() {
            return httpResponseHeaders;
        }

        @Override
        public void setHttpResponseHeaders(java.util.Map<String, List<String>> headers) {
            this.httpResponseHeaders = headers;
        }
    }

    /** A method Slack answered with {@code ok: false}: {@link #error()} is Slack's error code. */
    static final class MethodFailed extends UpstreamException {
        private final String error;

        MethodFailed(String method, String error, boolean retriable) {
            super("Slack", method + " failed: " + error, retriable);
            this.error = error == null ? "" : error;
        }

        String error() {
            return error;
        }
    }

    @FunctionalInterface
    private interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            UpstreamException failure;
            try {
                T response = call.run();
                if (response.isOk()) {
                    return response;
                }
                boolean retriable = RETRIABLE_ERRORS.contains(response.getError());
                failure = new MethodFailed(method, response.getError(), retriable);
                wait = Duration.ofSeconds(attempt);
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                boolean retriable = status == 429 || status >= 500;
                failure = new UpstreamException("Slack", method + " answered HTTP " + status, retriable, e);
                wait = retryAfter(e).orElse(Duration.ofSeconds(attempt));
            } catch (IOException e) {
                failure = new UpstreamException("Slack", method + " failed: " + e.getMessage(), true, e);
                wait = Duration.ofSeconds(attempt);
            }
            if (!failure.retriable() || attempt >= ATTEMPTS) {
                throw failure;
            }
            LOG.log(System.Logger.Level.INFO, failure.getMessage() + "; retrying in " + wait.toMillis() + " ms");
            sleep(wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait);
        }
    }

    private static java.util.Optional<Duration> retryAfter(SlackApiException e) {
        String header = e.getResponse().header("Retry-After");
        if (header == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            return java.util.Optional.empty();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("Slack", "interrupted while waiting to retry", false, e);
        }
    }
}
