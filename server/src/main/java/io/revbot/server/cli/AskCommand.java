package io.revbot.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.SessionId;
import io.revbot.orchestrator.recording.GroundingJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code revbot ask "<question>" [--session ID] [--json]}: narration on stderr, the answer on stdout as it is written
 * ({@link TerminalAnswer}); with {@code --json}, the whole result at the end.
 */
@Command(
        name = "ask",
        mixinStandardHelpOptions = true,
        description = {
            "Ask RevBot a question. What the agents do is narrated on stderr; the answer goes to stdout.",
            "Brings the knowledge base up to date first when its folder changed (or it was never ingested).",
            "Needs a model: see REVBOT_MODEL_PROVIDER (bedrock, anthropic, openai) in README.md."
        })
final class AskCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliContext context;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question (quote it, or give it as words).")
    List<String> words;

    @Option(
            names = "--session",
            paramLabel = "ID",
            description = "Continue a conversation: the same id remembers earlier questions across commands (in"
                    + " REVBOT_HOME/sessions, or PostgreSQL when REVBOT_DATABASE_URL is set; forgotten"
                    + " after 30 idle days).")
    String session;

    @CommandLine.Mixin
    JsonOutput json;

    @Option(names = "--quiet", description = "No narration (nor ingestion progress) on stderr.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    AskCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Principal.LocalUser user = Principal.LocalUser.current();
        String local = session == null ? "cli-" + java.util.UUID.randomUUID() : session;
        Request request = Request.of(
                Arguments.text(spec.commandLine(), String.join(" ", words), "QUESTION"),
                SessionId.of(Channel.CLI, user, local),
                Channel.CLI,
                user,
                context.clock().instant());
        var supervisor = context.components().supervisor();
        if (context.components().config().model().configured()) {
            // the agents' knowledge_search reads the store: an empty or stale one would answer "No passage…"
            KnowledgeRefresh.beforeSearching(context.components().knowledgeBase(), context.err(), "ask", quiet);
        }
        // Narration on stderr (unless --quiet); recorded, exported and traced like server runs (the Prometheus
        // meters are only for the server).
        var listeners = new java.util.ArrayList<io.revbot.orchestrator.RunListener>();
        if (!quiet) {
            listeners.add(new CliNarration(context.err()));
        }
        TerminalAnswer answer = json.requested() ? null : new TerminalAnswer(context.out(), context.err());
        if (answer != null) {
            listeners.add(answer);
        }
        listeners.add(context.components().runRecorder());
        listeners.add(context.components().runTracer());
        RunResult result = null;
        try {
            result = supervisor.run(request, io.revbot.orchestrator.RunListener.all(listeners));
        } finally {
            if (answer != null) {
                answer.finish(result == null ? null : result.answer());
            }
        }
        if (json.requested()) {
            context.out().println(JSON.writeValueAsString(asJson(result, local)));
        }
        context.out().flush();
        return 0;
    }

    /** @param session the id to pass to {@code --session} to continue the conversation */
    static Map<String, Object> asJson(RunResult result, String session) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", result.usage().input());
        usage.put("output_tokens", result.usage().output());
        usage.put("cache_read_tokens", result.usage().cacheRead());
        usage.put("cache_write_tokens", result.usage().cacheWrite());
        usage.put("total_tokens", result.usage().total());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answer", result.answer());
        out.put("session_id", session);
        out.put("run_id", result.runId().value());
        out.put("routing", result.routing().name().toLowerCase(java.util.Locale.ROOT));
        out.put(
                "agents_used",
                result.agentsUsed().stream().map(AgentName::value).toList());
        out.put("tool_calls", result.toolCalls());
        out.put("token_usage", usage);
        out.put("duration_ms", result.duration().toMillis());
        out.put("grounding", result.grounding() == null ? null : GroundingJson.toJson(result.grounding()));
        return out;
    }
}
