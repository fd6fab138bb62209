package io.revbot.server.config;

import io.revbot.tools.ConfigurationException;
import io.revbot.tools.http.HostAllowList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may see and do what: the viewer's tokens, the Slack boundary (installed teams and app, external users, access
 * lists), where webhook actions may go and which links answers may carry.
 *
 * @param viewerTokens {@code REVBOT_VIEWER_TOKENS}: tokens that see every conversation in the viewer and its API
 *     (an API token sees only its own runs)
 * @param viewerAllowAnonymous {@code REVBOT_VIEWER_ALLOW_ANONYMOUS}: the viewer, its API and the metrics without
 *     credentials, for a trusted network only
 * @param actionWebhookHosts {@code REVBOT_ACTION_WEBHOOK_HOSTS}: hosts webhook actions may go to besides the
 *     configured target's
 * @param answerLinkHosts {@code REVBOT_ANSWER_LINK_HOSTS}: hosts answers may link to besides the Salesforce and Gong
 *     hosts
 */
public record AccessConfig(
        List<NamedToken> viewerTokens,
        boolean viewerAllowAnonymous,
        SlackAccess slack,
        HostAllowList actionWebhookHosts,
        HostAllowList answerLinkHosts) {

    private static final Pattern SLACK_ID = Pattern.compile("[A-Z0-9]{2,32}");

    /**
     * The Slack boundary.
     *
     * @param teamIds {@code REVBOT_SLACK_TEAM_IDS}: the workspaces (or Enterprise Grid organisation) RevBot is installed
     *     in; empty means learned from {@code auth.test}
     * @param appId {@code REVBOT_SLACK_APP_ID}: RevBot's Slack app; empty means learned from {@code auth.test}
     * @param allowExternal {@code REVBOT_SLACK_ALLOW_EXTERNAL}: answer users of other organisations in Slack Connect
     *     channels
     * @param allowedUsers {@code REVBOT_SLACK_ALLOWED_USERS}, @param allowedUserGroups
     *     {@code REVBOT_SLACK_ALLOWED_USERGROUPS}, @param allowedChannels {@code REVBOT_SLACK_ALLOWED_CHANNELS}: when any
     *     is set, only these users, members of these user groups, or people asking in these channels get answers
     */
    public record SlackAccess(
            List<String> teamIds,
            Optional<String> appId,
            boolean allowExternal,
            List<String> allowedUsers,
            List<String> allowedUserGroups,
            List<String> allowedChannels) {

        /** Everyone of the installed organisation may ask; the installation is learned from Slack. */
        public static final SlackAccess DEFAULTS =
                new SlackAccess(List.of(), Optional.empty(), false, List.of(), List.of(), List.of());

        public SlackAccess {
            teamIds = List.copyOf(teamIds);
            allowedUsers = List.copyOf(allowedUsers);
            allowedUserGroups = List.copyOf(allowedUserGroups);
            allowedChannels = List.copyOf(allowedChannels);
        }

        /** Whether an access list narrows who may ask. */
        public boolean restricted() {
            return !allowedUsers.isEmpty() || !allowedUserGroups.isEmpty() || !allowedChannels.isEmpty();
        }

        static SlackAccess from(Settings s) {
            return new SlackAccess(
                    slackIds(s, "REVBOT_SLACK_TEAM_IDS"),
                    s.string("REVBOT_SLACK_APP_ID").map(id -> slackId("REVBOT_SLACK_APP_ID", id)),
                    s.bool("REVBOT_SLACK_ALLOW_EXTERNAL", false),
                    slackIds(s, "REVBOT_SLACK_ALLOWED_USERS"),
                    slackIds(s, "REVBOT_SLACK_ALLOWED_USERGROUPS"),
                    slackIds(s, "REVBOT_SLACK_ALLOWED_CHANNELS"));
        }
    }

    static AccessConfig from(Settings s) {
        return new AccessConfig(
                NamedToken.parse("REVBOT_VIEWER_TOKENS", s.list("REVBOT_VIEWER_TOKENS")),
                s.bool("REVBOT_VIEWER_ALLOW_ANONYMOUS", false),
                SlackAccess.from(s),
                hosts(s, "REVBOT_ACTION_WEBHOOK_HOSTS"),
                hosts(s, "REVBOT_ANSWER_LINK_HOSTS"));
    }

    private static HostAllowList hosts(Settings s, String key) {
        try {
            return HostAllowList.of(s.list(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, e.getMessage());
        }
    }

    private static List<String> slackIds(Settings s, String key) {
        return s.list(key).stream().map(id -> slackId(key, id)).toList();
    }

    /** Slack ids are upper case letters and digits ({@code T0123ABCD}, {@code U0456}, {@code S0789}, {@code C012}). */
    private static String slackId(String key, String id) {
        if (!SLACK_ID.matcher(id).matches()) {
            throw new ConfigurationException(
                    key, "expected Slack ids like T0123ABCD (upper case letters and digits), got '" + id + "'");
        }
        return id;
    }
}
