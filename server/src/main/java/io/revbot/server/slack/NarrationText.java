package io.revbot.server.slack;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.routing.RoutingDecision;
import java.util.Optional;
import java.util.stream.Collectors;

/** The one-line status a run's event deserves in Slack ("Deal analysis is querying the warehouse…"), if any. */
final class NarrationText {
    static final String STARTING = ":hourglass_flowing_sand: Working on it…";

    private NarrationText() {}

    static Optional<String> of(RunEvent event) {
        return switch (event) {
            case RunEvent.RunStarted started -> Optional.of(STARTING);
            case RunEvent.RouteDecided decided ->
                decided.decision() instanceof RoutingDecision.Specialist one
                        ? Optional.of(":compass: Routing to " + one.agent().displayName() + "…")
                        : Optional.empty();
            case RunEvent.Routed routed ->
                routed.agents().isEmpty()
                        ? Optional.empty()
                        : Optional.of(":busts_in_silhouette: Asking "
                                + routed.agents().stream()
                                        .map(AgentName::displayName)
                                        .collect(Collectors.joining(", "))
                                + "…");
            case RunEvent.InvocationStarted started ->
                started.requestedBy() == null
                        ? Optional.empty()
                        : Optional.of(":mag: " + started.agent().displayName() + " is on it…");
            case RunEvent.ToolStarted tool ->
                Optional.of(":gear: " + tool.agent().displayName() + " is " + activity(tool.tool()) + "…");
            case RunEvent.ActionProposed action ->
                Optional.of(":raised_hand: " + action.agent().displayName() + " proposed an action: it needs approval");
            case RunEvent.AnswerProduced answer -> Optional.of(":writing_hand: Writing the answer…");
            case RunEvent.ModelCalled called -> Optional.empty();
            case RunEvent.ToolFinished finished -> Optional.empty();
            case RunEvent.KnowledgeReferenced referenced -> Optional.empty();
            case RunEvent.InvocationFinished finished -> Optional.empty();
            case RunEvent.RunSucceeded succeeded -> Optional.empty();
            case RunEvent.RunFailed failed -> Optional.empty();
            case RunEvent.AnswerDelta delta -> Optional.empty();
        };
    }

    /**
     * A tool call as a task line of a streamed answer ("Running SQL on opportunity_d…", "Reviewing the deal…"). The
     * table named is the first one the query reads, for display only.
     */
    static String task(String tool, String argumentsJson) {
        if (tool.equals("run_sql")) {
            java.util.regex.Matcher from = FROM_TABLE.matcher(argumentsJson == null ? "" : argumentsJson);
            return from.find() ? "Running SQL on " + from.group(1) + "…" : "Running SQL…";
        }
        String activity = activity(tool);
        return Character.toUpperCase(activity.charAt(0)) + activity.substring(1) + "…";
    }

    /** A delegation as a task line: "Asking Deal analysis…". */
    static String delegation(AgentName agent) {
        return "Asking " + agent.displayName() + "…";
    }

    private static final java.util.regex.Pattern FROM_TABLE =
            java.util.regex.Pattern.compile("(?i)\\bfrom\\s+\"?([A-Za-z_][A-Za-z0-9_.]*)");

    /** What a tool does, in words a sales lead understands (tool names of ADR 0001). */
    static String activity(String tool) {
        return switch (tool) {
            case "run_sql", "list_tables", "describe_table", "sample_rows" -> "querying the warehouse";
            case "knowledge_search" -> "checking the knowledge base";
            case "find_accounts", "find_opportunities", "find_people", "get_crm_record" -> "looking in the CRM";
            case "list_calls", "get_call_transcript" -> "reading call transcripts";
            case "web_search" -> "searching the web";
            case "deal_review" -> "reviewing the deal";
            case "lead_assessment" -> "assessing the lead";
            case "churn_risk" -> "scoring churn risk";
            case "pipeline_forecast" -> "forecasting the pipeline";
            case "competitor_mentions" -> "looking for competitor mentions";
            case "expansion_candidates" -> "looking for expansion candidates";
            case "propose_crm_update", "propose_webhook", "propose_slack_notification" ->
                "preparing an action for approval";
            case "hand_back" -> "handing the question to the manager";
            default -> tool.startsWith("ask_") ? "delegating" : "using " + tool.replace('_', ' ');
        };
    }
}
