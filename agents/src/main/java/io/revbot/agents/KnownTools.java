package io.revbot.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical tool names (docs/decisions/0001-shared-contracts.md): what {@code agent.yaml} may list. The loader
 * rejects any other name, so a typo in a spec stops start-up instead of silently leaving an agent without a tool.
 * Which of them exist at run time depends on what the composition root registers.
 */
public final class KnownTools {

    /** Tool name to the tool class (package under {@code io.revbot.tools}) that provides it. */
    private static final Map<String, String> PROVIDERS = providers();

    private KnownTools() {}

    public static Set<String> names() {
        return PROVIDERS.keySet();
    }

    public static boolean isKnown(String name) {
        return PROVIDERS.containsKey(name);
    }

    /** The tool class that provides {@code name}, e.g. {@code analytics.AnalyticsTools}; for log messages. */
    public static String providerOf(String name) {
        String provider = PROVIDERS.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("unknown tool " + name);
        }
        return provider;
    }

    private static Map<String, String> providers() {
        Map<String, String> m = new LinkedHashMap<>();
        add(m, "knowledge.KnowledgeTools", List.of("knowledge_search"));
        add(m, "warehouse.WarehouseTools", List.of("run_sql", "list_tables", "describe_table", "sample_rows"));
        add(m, "crm.CrmTools", List.of("find_accounts", "find_opportunities", "find_people", "get_crm_record"));
        add(m, "calls.CallTools", List.of("list_calls", "get_call_transcript"));
        add(m, "websearch.WebSearchTools", List.of("web_search"));
        add(
                m,
                "analytics.AnalyticsTools",
                List.of(
                        "deal_review",
                        "lead_assessment",
                        "churn_risk",
                        "pipeline_forecast",
                        "competitor_mentions",
                        "expansion_candidates"));
        add(m, "actions.ActionTools", List.of("propose_crm_update", "propose_webhook", "propose_slack_notification"));
        return Map.copyOf(m);
    }

    private static void add(Map<String, String> m, String provider, List<String> names) {
        names.forEach(n -> m.put(n, provider));
    }
}
