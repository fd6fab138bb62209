package io.revbot.server.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.revbot.server.config.AccessConfig;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where RevBot is installed: its workspace(s), organisation and app. A signed event proves it came from Slack, not
 * that it is for this installation (a distributed app receives every workspace's events, and Slack Connect brings
 * other organisations' people into shared channels), so the intake asks {@link #refusal} before queuing anything, and
 * the worker asks {@link #internal} before answering.
 *
 * <p>Configured ({@code REVBOT_SLACK_TEAM_IDS}, {@code REVBOT_SLACK_APP_ID}) or learned once from the bot token
 * ({@code auth.test}); when Slack cannot be asked, events are refused until it can (fail closed).
 */
final class SlackInstallation {
    /** What {@code auth.test} says about the bot token. */
    record Identity(String teamId, Optional<String> enterpriseId, String appId) {}

    private final AccessConfig.SlackAccess config;
    private final Supplier<Identity> authTest;
    private volatile Known known;

    private record Known(Set<String> teams, Optional<String> enterpriseId, Optional<String> appId) {}

    SlackInstallation(AccessConfig.SlackAccess config, Supplier<Identity> authTest) {
        this.config = Objects.requireNonNull(config, "config");
        this.authTest = Objects.requireNonNull(authTest, "authTest");
    }

    /**
     * Why an Events API envelope is not for this installation (another workspace, another app), or empty when it is.
     *
     * @throws io.revbot.tools.UpstreamException when the installation is not configured and Slack cannot be asked
     */
    Optional<String> refusal(JsonObject envelope) {
        Known k = known();
        Optional<String> app = SlackEventIntake.string(envelope, "api_app_id");
        if (k.appId.isPresent() && !app.equals(k.appId)) {
            return Optional.of("an event for another app (" + app.orElse("none") + ")");
        }
        Optional<String> team = installationTeam(envelope);
        if (team.isEmpty() || !k.teams.contains(team.get())) {
            return Optional.of("an event for another workspace (" + team.orElse("none") + ")");
        }
        return Optional.empty();
    }

    /**
     * Why a button click is not for this installation (another app, another workspace), or empty when it is. The
     * click payload's {@code api_app_id}, {@code team.id} and {@code user.team_id}.
     */
    Optional<String> clickRefusal(JsonObject payload) {
        Known k = known();
        Optional<String> app = SlackEventIntake.string(payload, "api_app_id");
        if (k.appId.isPresent() && !app.equals(k.appId)) {
            return Optional.of("a click for another app (" + app.orElse("none") + ")");
        }
        Optional<String> team = object(payload, "team").flatMap(t -> SlackEventIntake.string(t, "id"));
        Optional<String> userTeam = object(payload, "user").flatMap(u -> SlackEventIntake.string(u, "team_id"));
        if (team.filter(k.teams::contains).isEmpty()
                && userTeam.filter(k.teams::contains).isEmpty()) {
            return Optional.of("a click from another workspace (" + team.orElse("none") + ")");
        }
        return Optional.empty();
    }

    private static Optional<JsonObject> object(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
    }

    /** Whether a user of team {@code userTeam} belongs to the installation's organisation. */
    boolean internal(String userTeam) {
        Known k = known();
        return k.teams.contains(userTeam)
                || k.enterpriseId.filter(userTeam::equals).isPresent();
    }

    /**
     * The workspace an envelope is delivered for: {@code authorizations[].team_id} (in a shared channel the
     * top-level {@code team_id} is the channel's host workspace, not necessarily ours), else {@code team_id}.
     */
    static Optional<String> installationTeam(JsonObject envelope) {
        JsonElement auths = envelope.get("authorizations");
        if (auths != null && auths.isJsonArray()) {
            for (JsonElement a : auths.getAsJsonArray()) {
                if (a.isJsonObject()) {
                    Optional<String> team = SlackEventIntake.string(a.getAsJsonObject(), "team_id");
                    if (team.isPresent()) {
                        return team;
                    }
                }
            }
        }
        return SlackEventIntake.string(envelope, "team_id");
    }

    private Known known() {
        Known k = known;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (known == null) {
                known = learn();
            }
            return known;
        }
    }

    private Known learn() {
        Set<String> teams = new LinkedHashSet<>(config.teamIds());
        Optional<String> appId = config.appId();
        Optional<String> enterprise = Optional.empty();
        if (teams.isEmpty() || appId.isEmpty()) {
            Identity identity = authTest.get(); // throws while Slack cannot be asked: nothing is cached
            if (teams.isEmpty()) {
                teams.add(identity.teamId());
            }
            if (appId.isEmpty()) {
                appId = Optional.ofNullable(identity.appId()).filter(id -> !id.isBlank());
            }
            enterprise = identity.enterpriseId().filter(id -> !id.isBlank());
        }
        if (appId.isEmpty()) {
            throw new IllegalStateException("Slack did not say which app the bot token belongs to; set"
                    + " REVBOT_SLACK_APP_ID (Basic Information → App ID)");
        }
        return new Known(Set.copyOf(teams), enterprise, appId);
    }
}
