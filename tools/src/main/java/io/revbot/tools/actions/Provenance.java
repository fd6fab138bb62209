package io.revbot.tools.actions;

import io.revbot.tools.ToolObserver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run had read when one of its agents proposed a write action, for the person who decides: the kinds of data
 * it read, and whether any of it was <em>outside content</em>: text written by people outside the company or outside
 * RevBot's control (call transcripts, web pages, CRM free text, whatever a warehouse query returned). An instruction
 * planted in such text can steer a proposal, so the approval card says so.
 *
 * @param sources what was read, in order of first use ("call transcripts", "CRM", "web", "warehouse", …)
 * @param outsideContent whether any of it may hold outside content; true when unknown
 */
public record Provenance(List<String> sources, boolean outsideContent) {
    /** For actions stored before provenance was recorded: nothing known, so treated as outside content. */
    public static final Provenance UNKNOWN = new Provenance(List.of(), true);

    public Provenance {
        sources = List.copyOf(sources);
    }

    /** From the tools that returned results earlier in the run (tool names of ADR 0001). */
    public static Provenance of(List<ToolObserver.PriorResult> earlier) {
        Set<String> sources = new LinkedHashSet<>();
        boolean outside = false;
        for (ToolObserver.PriorResult result : earlier) {
            String tool = result.tool();
            if (tool.startsWith("ask_")) {
                continue; // a specialist's answer: what it read is listed under its own tools
            }
            Read read = classify(tool);
            sources.addAll(read.sources());
            outside |= read.outside();
        }
        return new Provenance(new ArrayList<>(sources), outside);
    }

    /** The stored form: sources joined by commas (labels never contain one). */
    public String sourcesText() {
        return String.join(",", sources);
    }

    public static Provenance parse(String sourcesText, Boolean outsideContent) {
        if (outsideContent == null) {
            return UNKNOWN;
        }
        List<String> sources =
                sourcesText == null || sourcesText.isBlank() ? List.of() : List.of(sourcesText.split(","));
        return new Provenance(sources, outsideContent);
    }

    private record Read(List<String> sources, boolean outside) {}

    private static Read classify(String tool) {
        return switch (tool) {
            case "get_call_transcript", "list_calls" -> new Read(List.of("call transcripts"), true);
            case "find_accounts", "find_opportunities", "find_people", "get_crm_record" ->
                new Read(List.of("CRM"), true);
            case "web_search" -> new Read(List.of("web"), true);
            // Model-written SQL reaches every table, transcripts and CRM text included.
            case "run_sql", "sample_rows" -> new Read(List.of("warehouse"), true);
            case "list_tables", "describe_table" -> new Read(List.of("warehouse schema"), false);
            case "knowledge_search" -> new Read(List.of("knowledge base"), false);
            case "deal_review" -> new Read(List.of("CRM", "call transcripts"), true);
            case "competitor_mentions" -> new Read(List.of("call transcripts"), true);
            case "lead_assessment" -> new Read(List.of("CRM"), true);
            case "pipeline_forecast", "churn_risk", "expansion_candidates" -> new Read(List.of("analytics"), false);
            case "propose_crm_update", "propose_webhook", "propose_slack_notification" -> new Read(List.of(), false);
            default -> new Read(List.of(tool), true); // a tool this list does not know: assume the worst
        };
    }
}
