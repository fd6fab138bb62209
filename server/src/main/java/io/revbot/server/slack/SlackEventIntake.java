package io.revbot.server.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobQueue;
import io.revbot.server.queue.NewJob;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns an Events API envelope into queued work, doing nothing slow: the HTTP endpoint and Socket Mode both call it
 * and acknowledge Slack right after. Events for another workspace or app are dropped here ({@link SlackInstallation}). An app mention or a direct message becomes a {@code SLACK_EVENT} job keyed by
 * Slack's {@code event_id} (a retried or replayed event finds the job already there, so it is answered once) and
 * ordered by thread (questions in one thread are answered in order); everything else is ignored.
 */
final class SlackEventIntake {
    static final String IDEMPOTENCY_PREFIX = "slack:event:";
    /** Slack events are not worth retrying for long: an answer an hour late is noise. */
    static final int MAX_ATTEMPTS = 3;

    private static final System.Logger LOG = System.getLogger(SlackEventIntake.class.getName());

    private final JobQueue queue;
    private final SlackInstallation installation;
    private final Clock clock;

    private final SlackRuns runs;
    private final SuggestedPrompts prompts;

    SlackEventIntake(JobQueue queue, SlackInstallation installation, Clock clock) {
        this(queue, installation, clock, null, null);
    }

    /**
     * @param runs where the Stop button of an agent session finds its run (null: Stop is ignored)
     * @param prompts offered when someone opens RevBot's DM (null: none)
     */
    SlackEventIntake(
            JobQueue queue, SlackInstallation installation, Clock clock, SlackRuns runs, SuggestedPrompts prompts) {
        this.runs = runs;
        this.prompts = prompts;
        this.queue = Objects.requireNonNull(queue, "queue");
        this.installation = Objects.requireNonNull(installation, "installation");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What became of an envelope. */
    sealed interface Outcome {
        /** {@code url_verification}: echo the challenge. */
        record Challenge(String challenge) implements Outcome {}

        /** Queued now ({@code created}) or already queued by an earlier delivery of the same event. */
        record Queued(String jobId, boolean created) implements Outcome {}

        record Ignored(String reason) implements Outcome {}

        /** {@code agent_session_stopped}: the thread's run was stopped ({@code found}) or none ran here. */
        record Stopped(boolean found) implements Outcome {}
    }

    Outcome accept(JsonObject envelope) {
        String type = string(envelope, "type").orElse("");
        if (type.equals("url_verification")) {
            return new Outcome.Challenge(string(envelope, "challenge").orElse(""));
        }
        if (!type.equals("event_callback")) {
            return new Outcome.Ignored("envelope type '" + type + "'");
        }
        Optional<String> eventId = string(envelope, "event_id");
        JsonElement eventElement = envelope.get("event");
        if (eventId.isEmpty() || eventElement == null || !eventElement.isJsonObject()) {
            return new Outcome.Ignored("event_callback without event_id or event");
        }
        JsonObject event = eventElement.getAsJsonObject();
        Optional<String> foreign = installation.refusal(envelope);
        if (foreign.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "refused a signed Slack event: " + foreign.get());
            return new Outcome.Ignored(foreign.get());
        }
        String eventType = string(event, "type").orElse("");
        if (eventType.equals("agent_session_stopped")) {
            return stop(envelope, event);
        }
        if (eventType.equals("app_home_opened")) {
            // Someone opened RevBot's DM (the Messages tab): offer a few questions to start with.
            if (prompts != null && "messages".equals(string(event, "tab").orElse(""))) {
                string(event, "channel")
                        .ifPresent(channel -> prompts.offer(
                                SlackInstallation.installationTeam(envelope).orElseThrow(), channel));
            }
            return new Outcome.Ignored("app_home_opened");
        }
        String botUserId = botUserId(envelope);
        Optional<String> refusal = refusal(event, botUserId);
        if (refusal.isPresent()) {
            return new Outcome.Ignored(refusal.get());
        }
        String channel = string(event, "channel").orElseThrow();
        String ts = string(event, "ts").orElseThrow();
        String team = SlackInstallation.installationTeam(envelope).orElseThrow();
        SlackThread thread =
                new SlackThread(team, channel, string(event, "thread_ts").orElse(ts));
        SlackQuestion question = new SlackQuestion(
                eventId.get(),
                thread,
                ts,
                string(event, "user").orElseThrow(),
                // In a Slack Connect channel the asker's own organisation; absent for the installation's people.
                string(event, "user_team").or(() -> string(event, "team")).orElse(team),
                string(event, "text").orElse(""),
                botUserId,
                clock.instant());
        var enqueued = queue.enqueue(new NewJob(
                JobKind.SLACK_EVENT,
                IDEMPOTENCY_PREFIX + eventId.get(),
                thread.key(),
                question.toJson(),
                MAX_ATTEMPTS));
        if (!enqueued.created()) {
            LOG.log(System.Logger.Level.DEBUG, "Slack event " + eventId.get() + " was already queued");
        }
        return new Outcome.Queued(enqueued.id().value(), enqueued.created());
    }

    /**
     * The Stop button of an agent session: handled here, not queued, because the thread's queue is busy with the very
     * run to stop. Only this process's runs can be stopped (see {@link SlackRuns}).
     */
    private Outcome stop(JsonObject envelope, JsonObject event) {
        Optional<String> channel = string(event, "channel");
        Optional<String> threadTs = string(event, "thread_ts");
        if (runs == null || channel.isEmpty() || threadTs.isEmpty()) {
            return new Outcome.Stopped(false);
        }
        SlackThread thread = new SlackThread(
                SlackInstallation.installationTeam(envelope).orElseThrow(), channel.get(), threadTs.get());
        return new Outcome.Stopped(runs.stop(thread, string(event, "user").orElse("someone")));
    }

    /** Why an event gets no answer, or empty when it is a question for RevBot. */
    private static Optional<String> refusal(JsonObject event, String botUserId) {
        String type = string(event, "type").orElse("");
        if (event.has("bot_id") || event.has("bot_profile")) {
            return Optional.of("a bot's message");
        }
        Optional<String> user = string(event, "user");
        if (user.isEmpty()) {
            return Optional.of("no user");
        }
        if (!botUserId.isEmpty() && user.get().equals(botUserId)) {
            return Optional.of("our own message");
        }
        if (event.has("edited")) {
            return Optional.of("an edited message (answered when first sent)");
        }
        if (event.has("subtype")) {
            return Optional.of("message subtype '" + string(event, "subtype").orElse("") + "' (edit, join, file…)");
        }
        if (string(event, "channel").isEmpty() || string(event, "ts").isEmpty()) {
            return Optional.of("no channel or ts");
        }
        boolean directMessageChannel = string(event, "channel").orElse("").startsWith("D");
        return switch (type) {
            // Mentions in a DM arrive as message.im too: answer those once, through the message event.
            case "app_mention" -> directMessageChannel ? Optional.of("mention inside a DM") : Optional.empty();
            case "message" ->
                "im".equals(string(event, "channel_type").orElse(""))
                        ? Optional.empty()
                        : Optional.of("channel message without a mention");
            default -> Optional.of("event type '" + type + "'");
        };
    }

    /** RevBot's user id as Slack states it in {@code authorizations} (the installation the event is for). */
    private static String botUserId(JsonObject envelope) {
        JsonElement auths = envelope.get("authorizations");
        if (auths != null && auths.isJsonArray()) {
            JsonArray array = auths.getAsJsonArray();
            for (JsonElement a : array) {
                if (a.isJsonObject()) {
                    Optional<String> id = string(a.getAsJsonObject(), "user_id");
                    if (id.isPresent()) {
                        return id.get();
                    }
                }
            }
        }
        return "";
    }

    static Optional<String> string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive()) {
            return Optional.empty();
        }
        String s = e.getAsString();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
