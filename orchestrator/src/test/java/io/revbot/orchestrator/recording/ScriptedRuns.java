package io.revbot.orchestrator.recording;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.Routing;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunEvent.AgentOutcome;
import io.revbot.orchestrator.RunEvent.ToolStatus;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.SessionId;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.grounding.EvidenceIndex;
import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.grounding.GroundingCheck;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.grounding.ToolOutput;
import io.revbot.orchestrator.models.CachePlan;
import io.revbot.orchestrator.routing.RoutingDecision;
import io.revbot.orchestrator.routing.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Event streams of scripted runs, as the supervisor emits them: a direct answer, a parallel delegation whose events
 * interleave, a tool error, a branch timing out. Each call to {@link #at} advances a fake clock by 10 ms.
 */
public final class ScriptedRuns {
    public static final String MODEL = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    public static final Instant T0 = Instant.parse("2026-11-20T14:30:00Z");

    private final RunId runId;
    private final List<RunEvent> events = new ArrayList<>();
    private Instant now;
    private Request request;
    private final List<ToolOutput> toolResults = new ArrayList<>();

    public ScriptedRuns(String runId, Instant start) {
        this.runId = new RunId(runId);
        this.now = start;
    }

    public RunId runId() {
        return runId;
    }

    public List<RunEvent> events() {
        return List.copyOf(events);
    }

    Instant at() {
        now = now.plusMillis(10);
        return now;
    }

    public ScriptedRuns started(String question, Channel channel) {
        request = new Request(
                runId,
                new SessionId("s-" + runId.value()),
                question,
                channel,
                new Principal.SlackUser("T123", "U123"),
                now);
        events.add(new RunEvent.RunStarted(runId, at(), request, "2026-11-20 UTC, Q4 day 51 of 92"));
        return this;
    }

    public ScriptedRuns routed(Routing routing, String reason, AgentName... agents) {
        events.add(new RunEvent.Routed(runId, at(), routing, List.of(agents), reason));
        return this;
    }

    public ScriptedRuns routeDecided(RoutingDecision decision) {
        events.add(new RunEvent.RouteDecided(runId, at(), decision, Duration.ofMillis(4)));
        return this;
    }

    public ScriptedRuns agentStarted(AgentName agent, String invocation, AgentName by, String input) {
        events.add(new RunEvent.InvocationStarted(origin(agent, invocation), by, input));
        return this;
    }

    public ScriptedRuns model(AgentName agent, String invocation, long in, long out) {
        events.add(new RunEvent.ModelCalled(
                origin(agent, invocation), MODEL, new TokenUsage(in, out, 100, 0), Duration.ofMillis(8), "end_turn"));
        return this;
    }

    /** A model call with every token kind and the cache points its request carried. */
    public ScriptedRuns model(AgentName agent, String invocation, TokenUsage usage, CachePlan cache) {
        events.add(new RunEvent.ModelCalled(
                origin(agent, invocation), MODEL, usage, Duration.ofMillis(8), "end_turn", cache));
        return this;
    }

    public ScriptedRuns toolStarted(AgentName agent, String invocation, String callId, String tool, String args) {
        events.add(new RunEvent.ToolStarted(origin(agent, invocation), callId, tool, args));
        return this;
    }

    public ScriptedRuns toolFinished(
            AgentName agent,
            String invocation,
            String callId,
            String tool,
            ToolStatus status,
            String preview,
            String error,
            Map<String, Object> facts) {
        events.add(new RunEvent.ToolFinished(
                origin(agent, invocation), callId, tool, status, preview, error, Duration.ofMillis(9), facts));
        if (status == ToolStatus.OK && !tool.startsWith("ask_")) {
            toolResults.add(new ToolOutput(tool, callId, preview));
        }
        return this;
    }

    public ScriptedRuns knowledge(AgentName agent, String invocation, String doc, String section, double score) {
        events.add(new RunEvent.KnowledgeReferenced(origin(agent, invocation), doc, section, score));
        return this;
    }

    public ScriptedRuns agentFinished(
            AgentName agent, String invocation, AgentOutcome outcome, String output, String error) {
        events.add(new RunEvent.InvocationFinished(
                origin(agent, invocation), outcome, output, error, Duration.ofMillis(40)));
        return this;
    }

    private RunEvent.Origin origin(AgentName agent, String invocation) {
        return new RunEvent.Origin(runId, at(), agent, new InvocationId(invocation));
    }

    /** The answer, checked as the supervisor checks it against the scripted tools' results (whole here). */
    public ScriptedRuns answer(String text, Routing routing, AgentName author) {
        EvidenceIndex index = EvidenceIndex.builder()
                .addAll(toolResults)
                .add(new ToolOutput(ToolOutput.QUESTION, null, request.question()))
                .build();
        Grounding grounding = new Grounding(GroundingPolicy.ANNOTATE, GroundingCheck.check(text, index), false);
        events.add(new RunEvent.AnswerProduced(runId, at(), text, routing, author, grounding));
        return this;
    }

    /** An answer that was not checked (grounding off, an MCP call). */
    public ScriptedRuns uncheckedAnswer(String text, Routing routing, AgentName author) {
        events.add(new RunEvent.AnswerProduced(runId, at(), text, routing, author));
        return this;
    }

    public ScriptedRuns succeeded(String answer, Routing routing, List<AgentName> used, int toolCalls) {
        Instant end = at();
        events.add(new RunEvent.RunSucceeded(
                runId,
                end,
                new RunResult(
                        runId,
                        request.session(),
                        answer,
                        routing,
                        used,
                        toolCalls,
                        TokenUsage.ZERO,
                        Duration.between(request.receivedAt(), end))));
        return this;
    }

    public ScriptedRuns failed(FailureKind kind, String message) {
        Instant end = at();
        events.add(new RunEvent.RunFailed(
                runId, end, kind, message, Duration.between(request.receivedAt(), end), TokenUsage.ZERO));
        return this;
    }

    public ScriptedRuns raw(RunEvent event) {
        events.add(event);
        return this;
    }

    static final AgentName M = AgentName.MANAGER;

    /** The router sends a deal question straight to the deal analyst, whose answer is the answer. */
    public static ScriptedRuns routedToSpecialist(String runId, Instant start) {
        AgentName deal = AgentName.DEAL_ANALYSIS;
        String question = "Review the Vertex Analytics - Platform Migration deal";
        String answer = "Vertex: evidence-based probability 38 %.";
        return new ScriptedRuns(runId, start)
                .started(question, Channel.SLACK)
                .routeDecided(new RoutingDecision.Specialist(deal, Tier.EMBEDDING, 0.93, 0.88, "like its examples"))
                .agentStarted(deal, "d1", AgentName.ROUTER, question)
                .model(deal, "d1", 900, 30)
                .toolStarted(deal, "d1", "t1", "deal_review", "{\"opportunity\":\"Vertex\"}")
                .toolFinished(deal, "d1", "t1", "deal_review", ToolStatus.OK, "{\"probability\":38}", null, Map.of())
                .model(deal, "d1", 1100, 60)
                .agentFinished(deal, "d1", AgentOutcome.COMPLETED, answer, null)
                .routed(Routing.ROUTED, "like its examples", deal)
                .answer(answer, Routing.ROUTED, deal)
                .succeeded(answer, Routing.ROUTED, List.of(deal), 1);
    }

    /** The routed specialist hands the question back and the manager answers it. */
    public static ScriptedRuns handedBack(String runId, Instant start) {
        AgentName deal = AgentName.DEAL_ANALYSIS;
        String question = "Which customers will churn after the Vertex deal closes?";
        String answer = "Northwind Logistics and Helix Biotech.";
        return new ScriptedRuns(runId, start)
                .started(question, Channel.CLI)
                .routeDecided(new RoutingDecision.Specialist(deal, Tier.EMBEDDING, 0.81, 0.6, "like its examples"))
                .agentStarted(deal, "d1", AgentName.ROUTER, question)
                .model(deal, "d1", 900, 20)
                .toolStarted(deal, "d1", "t1", "hand_back", "{\"reason\":\"a churn question\"}")
                .toolFinished(deal, "d1", "t1", "hand_back", ToolStatus.OK, "Handed back", null, Map.of())
                .agentFinished(deal, "d1", AgentOutcome.HANDED_BACK, null, "a churn question")
                .agentStarted(M, "m1", null, question)
                .model(M, "m1", 1500, 40)
                .routed(Routing.DIRECT, "answered directly")
                .agentFinished(M, "m1", AgentOutcome.COMPLETED, answer, null)
                .answer(answer, Routing.DIRECT, M)
                .succeeded(answer, Routing.DIRECT, List.of(), 1);
    }

    /** A greeting answered from the router's template: no invocation at all. */
    public static ScriptedRuns templateAnswer(String runId, Instant start) {
        String answer = "Hi! I'm RevBot.";
        return new ScriptedRuns(runId, start)
                .started("hello", Channel.SLACK)
                .routeDecided(new RoutingDecision.Direct("greeting", answer, "matches the rule 'greeting'"))
                .routed(Routing.DIRECT, "matches the rule 'greeting'")
                .answer(answer, Routing.DIRECT, AgentName.ROUTER)
                .succeeded(answer, Routing.DIRECT, List.of(), 0);
    }

    /** The manager answers from the knowledge base, no specialist. */
    public static ScriptedRuns directAnswer(String runId, Instant start) {
        String answer = "A qualified lead needs an ICP score of at least 70 and a named champion.";
        return new ScriptedRuns(runId, start)
                .started("What makes a lead qualified?", Channel.SLACK)
                .agentStarted(M, "m1", null, "What makes a lead qualified?")
                .model(M, "m1", 1200, 40)
                .toolStarted(M, "m1", "t1", "knowledge_search", "{\"query\":\"lead qualification\"}")
                .knowledge(M, "m1", "business_logic/lead_qualification.md", "Qualification > ICP score", 0.83)
                .toolFinished(
                        M,
                        "m1",
                        "t1",
                        "knowledge_search",
                        ToolStatus.OK,
                        "Leads with an ICP score of 70 or more and a named champion are qualified.",
                        null,
                        Map.of())
                .routed(Routing.DIRECT, "a rules question the knowledge base answers")
                .model(M, "m1", 1400, 60)
                .agentFinished(M, "m1", AgentOutcome.COMPLETED, answer, null)
                .answer(answer, Routing.DIRECT, M)
                .succeeded(answer, Routing.DIRECT, List.of(), 1);
    }

    /** The manager delegates to deal_analysis and data in one turn; their events interleave. */
    public static ScriptedRuns parallelDelegation(String runId, Instant start) {
        AgentName deal = AgentName.DEAL_ANALYSIS;
        AgentName data = AgentName.DATA;
        String answer =
                "Acme Corp renewal is at risk: amount 48,000, 3 calls without a champion; Q4 pipeline is 1,250,000.";
        return new ScriptedRuns(runId, start)
                .started("How is the Acme renewal looking and what is Q4 pipeline?", Channel.WEBHOOK)
                .agentStarted(M, "m1", null, "How is the Acme renewal looking and what is Q4 pipeline?")
                .model(M, "m1", 2000, 120)
                .routed(Routing.DELEGATED, "two independent questions: a deal review and a pipeline total", deal, data)
                .agentStarted(deal, "d1", M, "Review the Acme Corp renewal")
                .agentStarted(data, "x1", M, "Total open pipeline for Q4")
                .model(deal, "d1", 900, 30)
                .model(data, "x1", 800, 25)
                .toolStarted(
                        data,
                        "x1",
                        "t2",
                        "run_sql",
                        "{\"sql\":\"select sum(amount) from opportunities where quarter='2026-Q4'\"}")
                .toolStarted(deal, "d1", "t1", "deal_review", "{\"opportunity\":\"Acme Corp renewal\"}")
                .toolFinished(
                        data,
                        "x1",
                        "t2",
                        "run_sql",
                        ToolStatus.OK,
                        "sum\n1250000",
                        null,
                        Map.of("rows", 1, "sql", "select sum(amount) from opportunities where quarter='2026-Q4'"))
                .toolFinished(
                        deal,
                        "d1",
                        "t1",
                        "deal_review",
                        ToolStatus.OK,
                        "{\"amount\":48000,\"calls_without_champion\":3,\"risk\":\"high\"}",
                        null,
                        Map.of("rows", 12))
                .model(data, "x1", 950, 40)
                .agentFinished(data, "x1", AgentOutcome.COMPLETED, "Q4 open pipeline is 1,250,000.", null)
                .model(deal, "d1", 1100, 80)
                .agentFinished(
                        deal,
                        "d1",
                        AgentOutcome.COMPLETED,
                        "Acme renewal: high risk, 48,000, no champion in 3 calls.",
                        null)
                .model(M, "m1", 2600, 90)
                .agentFinished(M, "m1", AgentOutcome.COMPLETED, answer, null)
                .answer(answer, Routing.DELEGATED, M)
                .succeeded(answer, Routing.DELEGATED, List.of(deal, data), 2);
    }

    /** One delegation whose tool fails; the specialist recovers and its answer passes through. */
    public static ScriptedRuns toolError(String runId, Instant start) {
        AgentName data = AgentName.DATA;
        String answer = "There are 37 open opportunities over 50,000.";
        return new ScriptedRuns(runId, start)
                .started("How many open deals over 50k?", Channel.CLI)
                .agentStarted(M, "m1", null, "How many open deals over 50k?")
                .model(M, "m1", 1000, 30)
                .routed(Routing.PASS_THROUGH, "a single data question", data)
                .agentStarted(data, "x1", M, "Count open opportunities with amount > 50000")
                .model(data, "x1", 700, 30)
                .toolStarted(data, "x1", "t1", "run_sql", "{\"sql\":\"select count(*) from opportunitys\"}")
                .toolFinished(
                        data,
                        "x1",
                        "t1",
                        "run_sql",
                        ToolStatus.ERROR,
                        null,
                        "Catalog Error: Table with name opportunitys does not exist",
                        Map.of())
                .model(data, "x1", 800, 30)
                .toolStarted(
                        data,
                        "x1",
                        "t2",
                        "run_sql",
                        "{\"sql\":\"select count(*) from opportunities where amount > 50000 and is_closed = false\"}")
                .toolFinished(data, "x1", "t2", "run_sql", ToolStatus.OK, "count\n37", null, Map.of("rows", 1))
                .model(data, "x1", 850, 25)
                .agentFinished(data, "x1", AgentOutcome.COMPLETED, answer, null)
                .agentFinished(M, "m1", AgentOutcome.COMPLETED, answer, null)
                .answer(answer, Routing.PASS_THROUGH, data)
                .succeeded(answer, Routing.PASS_THROUGH, List.of(data), 2);
    }

    /** Two delegations; web_search times out, the manager answers with what it has and says what is missing. */
    public static ScriptedRuns timeout(String runId, Instant start) {
        AgentName lead = AgentName.LEAD_ANALYSIS;
        AgentName web = AgentName.WEB_SEARCH;
        String answer =
                "Jane Doe at Initech scores 82 on ICP fit. Recent company news is missing: the web search timed out.";
        return new ScriptedRuns(runId, start)
                .started("Assess Jane Doe at Initech", Channel.SLACK)
                .agentStarted(M, "m1", null, "Assess Jane Doe at Initech")
                .model(M, "m1", 1500, 70)
                .routed(Routing.DELEGATED, "lead fit plus recent news", lead, web)
                .agentStarted(lead, "l1", M, "Assess Jane Doe, Initech")
                .agentStarted(web, "w1", M, "Recent news about Initech")
                .toolStarted(lead, "l1", "t1", "lead_assessment", "{\"name\":\"Jane Doe\",\"company\":\"Initech\"}")
                .toolStarted(web, "w1", "t2", "web_search", "{\"query\":\"Initech news\"}")
                .toolFinished(lead, "l1", "t1", "lead_assessment", ToolStatus.OK, "{\"icp_score\":82}", null, Map.of())
                .agentFinished(lead, "l1", AgentOutcome.COMPLETED, "ICP score 82.", null)
                .toolFinished(
                        web,
                        "w1",
                        "t2",
                        "web_search",
                        ToolStatus.ERROR,
                        null,
                        "interrupted: delegation deadline",
                        Map.of())
                .agentFinished(
                        web, "w1", AgentOutcome.TIMED_OUT, null, "no answer within the delegation deadline of 3m")
                .model(M, "m1", 1900, 110)
                .agentFinished(M, "m1", AgentOutcome.COMPLETED, answer, null)
                .answer(answer, Routing.DELEGATED, M)
                .succeeded(answer, Routing.DELEGATED, List.of(lead, web), 2);
    }

    /** The run hits its deadline: no answer. */
    public static ScriptedRuns deadline(String runId, Instant start) {
        AgentName data = AgentName.DATA;
        return new ScriptedRuns(runId, start)
                .started("Rebuild the whole forecast", Channel.WEBHOOK)
                .agentStarted(M, "m1", null, "Rebuild the whole forecast")
                .routed(Routing.DELEGATED, "needs warehouse data", data)
                .agentStarted(data, "x1", M, "Pull every opportunity")
                .toolStarted(data, "x1", "t1", "run_sql", "{\"sql\":\"select * from opportunities\"}")
                .toolFinished(data, "x1", "t1", "run_sql", ToolStatus.OK, "id,amount\n1,10", null, Map.of("rows", 500))
                .agentFinished(data, "x1", AgentOutcome.TIMED_OUT, null, "deadline")
                .agentFinished(M, "m1", AgentOutcome.FAILED, null, "deadline")
                .failed(FailureKind.DEADLINE, "The run took longer than 5m and was stopped.");
    }
}
