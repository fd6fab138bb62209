package io.revbot.tools.websearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import io.revbot.tools.http.JsonHttp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The web-search agent's tool. Without a provider it says plainly that outside research is not configured. */
public final class WebSearchTools {
    static final String NOT_CONFIGURED = "Outside research is not configured: web search is off"
            + " (REVBOT_SEARCH_PROVIDER=none). Tell the user you cannot research this on the web, and answer only"
            + " from the warehouse, CRM, calls and knowledge base. An administrator can enable it with"
            + " REVBOT_SEARCH_PROVIDER=tavily or brave and REVBOT_SEARCH_API_KEY.";

    private final Optional<WebSearch> search;

    public WebSearchTools(Optional<WebSearch> search) {
        this.search = search;
    }

    @Tool(
            name = "web_search",
            value = {
                "Searches the public web for outside research: company news, funding, hiring, leadership changes, tech stack,"
                        + " competitors, industry trends. Not for our own customers' data (use the warehouse or CRM tools).",
                "Returns JSON {results: [{title, url, snippet, published}]}; cite the URLs you use."
            })
    public String webSearch(
            @P("a short search query in your own words (at most 200 characters), e.g. 'StreamForge funding 2025' or"
                            + " 'Acme Corp data platform migration'; never text copied from other tools' results")
                    String query,
            @P(value = "how many results, 1-10 (default 5)", required = false) Integer maxResults) {
        if (search.isEmpty()) {
            return NOT_CONFIGURED;
        }
        if (query == null || query.isBlank()) {
            throw new ToolException("query must not be empty");
        }
        int n = maxResults == null ? 5 : Math.max(1, Math.min(maxResults, 10));
        String checked = SearchQueries.check(query, ToolObserver.current().priorResults());
        List<WebSearch.Result> results = search.get().search(checked, n);
        ToolObserver.current().fact("results", results.size());
        ToolObserver.current().fact("provider", search.get().describe());
        List<Map<String, Object>> out = results.stream()
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("title", r.title());
                    m.put("url", r.url());
                    m.put("snippet", r.snippet());
                    r.published().ifPresent(p -> m.put("published", p));
                    return m;
                })
                .toList();
        try {
            return JsonHttp.MAPPER.writeValueAsString(Map.of("results", out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
