package io.revbot.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.ConversationStore.Stored;
import io.revbot.tools.RevBotException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code revbot conversations show RUN_ID}: one run as a readable timeline (or {@code --json}: both files). */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one conversation as a timeline.")
public final class ConversationsShowCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_ID", description = "The run id, or enough of its start to be unique.")
    String id;

    @CommandLine.Mixin
    JsonOutput json;

    public ConversationsShowCommand(CliContext context) {
        this.context = context;
    }

    /** No run matches the id. */
    static final class NotFound extends RevBotException {
        NotFound(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        Stored stored;
        try {
            stored = context.components()
                    .conversationStore()
                    .find(id)
                    .orElseThrow(() -> new NotFound("no recorded conversation with id '" + id + "' under "
                            + context.components().config().export().directory()));
        } catch (IllegalArgumentException e) {
            throw new NotFound(e.getMessage());
        }
        PrintWriter out = context.out();
        if (json.requested()) {
            var both = ConversationJson.MAPPER.createObjectNode();
            both.set("conversation", stored.conversation());
            both.set("metadata", stored.metadata());
            out.println(ConversationJson.write(both));
        } else {
            print(out, stored);
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, Stored stored) {
        JsonNode c = stored.conversation().path("conversation");
        JsonNode meta = c.path("metadata");
        JsonNode summary = c.path("conversation_summary");
        JsonNode quality = stored.metadata().path("quality");
        out.printf(
                "Run %s · %s · %s · session %s%n",
                meta.path("run_id").asText(),
                meta.path("channel").asText("-"),
                meta.path("requester").asText("-"),
                meta.path("session_id").asText("-"));
        out.printf("Question: %s%n", meta.path("question").asText("-"));
        JsonNode router = c.path("router");
        if (!router.isNull() && !router.isMissingNode()) {
            out.printf(
                    "Router:   %s%s (%s%s) %s%n",
                    router.path("decision").asText(),
                    router.path("agents").isEmpty() ? "" : " to " + join(router.path("agents")),
                    router.path("tier").asText(),
                    router.path("confidence").isNumber()
                            ? String.format(
                                    java.util.Locale.ROOT,
                                    ", confidence %.2f",
                                    router.path("confidence").asDouble())
                            : "",
                    router.path("reason").asText(""));
        }
        JsonNode routing = c.path("routing");
        if (!routing.isNull() && !routing.isMissingNode()) {
            out.printf(
                    "Routing:  %s%s%s%n",
                    routing.path("decision").asText(),
                    routing.path("agents").isEmpty() ? "" : " to " + join(routing.path("agents")),
                    routing.path("reason").asText("").isBlank()
                            ? ""
                            : " (" + routing.path("reason").asText() + ")");
        }
        out.printf(
                "Status:   %s in %s · tokens %s in / %s out (cache %s read, %s written) · est. %s · quality %.2f%s%n",
                meta.path("status").asText(),
                Format.millis(
                        summary.path("total_duration_ms").isNull()
                                ? null
                                : summary.path("total_duration_ms").asLong()),
                Format.count(summary.at("/tokens/input").asLong()),
                Format.count(summary.at("/tokens/output").asLong()),
                Format.count(summary.at("/tokens/cache_read").asLong()),
                Format.count(summary.at("/tokens/cache_write").asLong()),
                Format.usd(summary.path("estimated_cost_usd").asDouble()),
                quality.path("score").asDouble(),
                stored.metadata().at("/validation/valid").asBoolean() ? "" : " (validation findings below)");
        if (!meta.path("failure").isNull()) {
            out.printf(
                    "Failure:  %s: %s%n",
                    meta.at("/failure/kind").asText(),
                    meta.at("/failure/message").asText());
        }

        out.println();
        out.println("Timeline");
        Instant start = Instant.parse(
                meta.path("started_at").asText(c.at("/timeline/0/at").asText()));
        for (JsonNode e : c.path("timeline")) {
            Duration offset = Duration.between(start, Instant.parse(e.path("at").asText()));
            String type = e.path("type").asText();
            String who = switch (type) {
                case "tool_call" ->
                    e.path("from").asText() + " ⚙ " + e.path("tool").asText();
                case "tool_result" ->
                    e.path("tool").asText() + " → " + e.path("from").asText();
                case "routing" -> e.path("from").asText() + " (routing)";
                default -> e.path("from").asText() + " → " + e.path("to").asText();
            };
            out.printf(
                    "  +%7.3fs  %-40s %s%n",
                    offset.toMillis() / 1000d,
                    who,
                    ConversationsListCommand.cut(e.path("content").asText("").replace('\n', ' '), 100));
        }

        out.println();
        out.println("Agents");
        for (JsonNode step : c.path("agent_flow")) {
            out.printf(
                    "  %d. %-14s %-10s %8s  %d model calls  tokens %s/%s  %s%s%n",
                    step.path("step").asInt(),
                    step.path("agent").asText(),
                    step.path("outcome").asText("-"),
                    Format.millis(
                            step.path("duration_ms").isNull()
                                    ? null
                                    : step.path("duration_ms").asLong()),
                    step.path("model_calls").size(),
                    Format.count(step.at("/tokens/input").asLong()),
                    Format.count(step.at("/tokens/output").asLong()),
                    Format.usd(
                            step.path("cost_usd").isNull()
                                    ? null
                                    : step.path("cost_usd").asDouble()),
                    step.path("requested_by").isNull()
                            ? ""
                            : "  (asked by " + step.path("requested_by").asText() + ")");
            for (JsonNode tool : step.path("tool_executions")) {
                out.printf(
                        "       ⚙ %-20s %-12s %8s  %s%s%n",
                        tool.path("tool").asText(),
                        tool.path("status").asText(),
                        Format.millis(
                                tool.path("duration_ms").isNull()
                                        ? null
                                        : tool.path("duration_ms").asLong()),
                        ConversationsListCommand.cut(tool.path("parameters").toString(), 80),
                        tool.path("error").isNull()
                                ? ""
                                : "  error: " + tool.path("error").asText());
            }
            for (JsonNode kb : step.path("knowledge_references")) {
                out.printf(
                        "       📄 %s › %s (%.2f)%n",
                        kb.path("document").asText(),
                        kb.path("section").asText("-"),
                        kb.path("score").asDouble());
            }
        }
        JsonNode answer = c.path("final_answer");
        if (!answer.isNull() && !answer.isMissingNode()) {
            out.println();
            out.println("Answer (" + answer.path("author").asText() + ", "
                    + answer.path("routing").asText() + ")");
            out.println(answer.path("text").asText());
        }
        JsonNode findings = stored.metadata().at("/validation/findings");
        if (findings.size() > 0) {
            out.println();
            out.println("Validation findings");
            findings.forEach(f -> out.printf(
                    "  [%s] %s%n", f.path("rule").asText(), f.path("message").asText()));
        }
    }

    private static String join(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        array.forEach(a -> sb.append(sb.isEmpty() ? "" : ", ").append(a.asText()));
        return sb.toString();
    }
}
