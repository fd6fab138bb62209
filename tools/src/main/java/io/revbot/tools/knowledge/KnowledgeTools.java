package io.revbot.tools.knowledge;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The knowledge base for the agents: one tool, {@code knowledge_search}. */
public final class KnowledgeTools {
    static final int DEFAULT_K = 5;
    static final int MAX_K = 20;
    static final Set<String> FOLDERS =
            Set.of("business_logic", "schema", "sql_patterns", "workflows", "icp_and_messaging");

    private final KnowledgeSearch search;

    public KnowledgeTools(KnowledgeSearch search) {
        this.search = Objects.requireNonNull(search, "search");
    }

    @Tool(
            name = "knowledge_search",
            value = {
                "Searches the company's RevOps knowledge base: business rules and thresholds (business_logic),"
                        + " warehouse tables and columns with their pitfalls (schema), proven SQL for common questions"
                        + " (sql_patterns), step-by-step playbooks for deal, lead, churn and closed-lost reviews"
                        + " (workflows), and the ideal customer profile, personas and messaging (icp_and_messaging).",
                "Use it before writing SQL against an unfamiliar table, before judging a deal, lead or account, and"
                        + " whenever a rule or number of the company matters. Exact identifiers such as column names"
                        + " are matched literally.",
                "Returns the best passages, each headed by its source as [document > section]; cite that source in"
                        + " your answer when you use the passage."
            })
    public String knowledgeSearch(
            @P("What you want to know, in words or with exact terms, e.g. 'how is ACV computed' or"
                            + " 'gong__call_highlights_next_steps'")
                    String query,
            @P(value = "How many passages to return, 1-20; default 5", required = false) Integer k,
            @P(
                            value = "Only search one folder: business_logic, schema, sql_patterns, workflows or"
                                    + " icp_and_messaging; omit to search everything",
                            required = false)
                    String folder) {
        if (query == null || query.isBlank()) {
            throw new ToolException("query is empty: say what you want to find in the knowledge base");
        }
        int limit = k == null ? DEFAULT_K : k;
        if (limit < 1 || limit > MAX_K) {
            throw new ToolException("k must be between 1 and " + MAX_K + ", got " + limit);
        }
        Optional<String> only = Optional.ofNullable(folder)
                .map(f -> f.strip().toLowerCase(Locale.ROOT))
                .filter(f -> !f.isEmpty());
        if (only.isPresent() && !FOLDERS.contains(only.get())) {
            throw new ToolException("unknown folder '" + folder + "'; use one of " + String.join(", ", sorted()));
        }
        List<KnowledgeHit> hits = search.search(query.strip(), limit, only);
        ToolObserver observer = ToolObserver.current();
        observer.fact("hits", hits.size());
        if (hits.isEmpty()) {
            return "No passage in the knowledge base matches '" + query.strip() + "'"
                    + only.map(f -> " in folder " + f).orElse("")
                    + ". Try other words, or search without a folder.";
        }
        StringBuilder out = new StringBuilder();
        for (KnowledgeHit hit : hits) {
            observer.knowledgeReference(hit.document(), hit.headingPath(), hit.score());
            out.append("[")
                    .append(hit.document())
                    .append(" > ")
                    .append(hit.headingPath())
                    .append("] (score ")
                    .append(String.format(Locale.ROOT, "%.2f", hit.score()))
                    .append(")\n")
                    .append(hit.text().strip())
                    .append("\n\n");
        }
        return out.toString().strip();
    }

    private static List<String> sorted() {
        return FOLDERS.stream().sorted().toList();
    }
}
