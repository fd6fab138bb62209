package io.revbot.server.slack;

import io.revbot.server.config.AccessConfig;
import io.revbot.tools.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who in Slack may ask RevBot at all, decided before any model sees the question: people of the installation's
 * organisation (a Slack Connect guest from another company gets a polite refusal unless
 * {@code REVBOT_SLACK_ALLOW_EXTERNAL=true}) and, when an access list is configured, only the listed users, members of
 * the listed user groups, or people asking in the listed channels.
 */
final class SlackAccessPolicy {
    /** User-group members are asked from Slack at most this often per group. */
    static final Duration GROUP_CACHE = Duration.ofMinutes(5);

    private final AccessConfig.SlackAccess config;
    private final SlackInstallation installation;
    private final Function<String, List<String>> groupMembers;
    private final Clock clock;
    private final Map<String, Members> groups = new ConcurrentHashMap<>();

    private record Members(Set<String> users, Instant readAt) {}

    /** @param groupMembers a user group's member ids ({@code usergroups.users.list}) */
    SlackAccessPolicy(
            AccessConfig.SlackAccess config,
            SlackInstallation installation,
            Function<String, List<String>> groupMembers,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.installation = Objects.requireNonNull(installation, "installation");
        this.groupMembers = Objects.requireNonNull(groupMembers, "groupMembers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Why {@code question} gets no answer, as a message for the asker, or empty when it may be answered. */
    Optional<String> refusal(SlackQuestion question) {
        if (!config.allowExternal() && !installation.internal(question.userTeam())) {
            return Optional.of(":lock: Sorry, I can only answer people of the organisation that runs me. Please ask"
                    + " your contact there.");
        }
        if (config.restricted() && !listed(question)) {
            return Optional.of(":lock: Sorry, I'm not set up to answer you here. Ask a RevBot admin to add you (or"
                    + " this channel) to RevBot's access list.");
        }
        return Optional.empty();
    }

    private boolean listed(SlackQuestion question) {
        if (config.allowedUsers().contains(question.user())
                || config.allowedChannels().contains(question.thread().channel())) {
            return true;
        }
        for (String group : config.allowedUserGroups()) {
            if (members(group).contains(question.user())) {
                return true;
            }
        }
        return false;
    }

    /** A group's members, from a cache refreshed every {@link #GROUP_CACHE}; on failure the last known, else none. */
    private Set<String> members(String group) {
        Instant now = clock.instant();
        Members cached = groups.get(group);
        if (cached != null && now.isBefore(cached.readAt().plus(GROUP_CACHE))) {
            return cached.users();
        }
        try {
            Members fresh = new Members(Set.copyOf(groupMembers.apply(group)), now);
            groups.put(group, fresh);
            return fresh.users();
        } catch (UpstreamException e) {
            System.getLogger(SlackAccessPolicy.class.getName())
                    .log(System.Logger.Level.WARNING, "cannot read user group " + group + ": " + e.getMessage());
            return cached == null ? Set.of() : cached.users();
        }
    }
}
