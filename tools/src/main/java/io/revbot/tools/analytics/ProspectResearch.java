package io.revbot.tools.analytics;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.analytics.LeadAssessment.WebFact;
import io.revbot.tools.websearch.WebSearch;
import java.util.List;
import java.util.Optional;

/**
 * Web search about a company the CRM does not know, when a provider is configured: the hits are kept as found
 * (title, URL, snippet) for people and the model to read, never taken as verified facts. A failing provider is a
 * note, not a failed assessment.
 */
final class ProspectResearch {
    static final int RESULTS = 5;

    private final Optional<WebSearch> webSearch;

    ProspectResearch(Optional<WebSearch> webSearch) {
        this.webSearch = webSearch;
    }

    record Found(List<WebFact> facts, List<String> notes) {}

    Found about(String company, String domain) {
        if (company == null && domain == null) {
            return new Found(List.of(), List.of());
        }
        if (webSearch.isEmpty()) {
            return new Found(
                    List.of(),
                    List.of("web search is not configured (REVBOT_SEARCH_PROVIDER), so nothing was looked up about "
                            + (company != null ? company : domain)));
        }
        String query = (company != null ? "\"" + company + "\"" : "") + (domain != null ? " " + domain : "")
                + " company industry employees data platform";
        try {
            List<WebFact> facts = webSearch.get().search(query.strip(), RESULTS).stream()
                    .map(r -> new WebFact(r.title(), r.url(), r.snippet()))
                    .toList();
            return new Found(facts, facts.isEmpty() ? List.of("web search found nothing about " + query) : List.of());
        } catch (UpstreamException e) {
            return new Found(List.of(), List.of("web search failed: " + e.getMessage()));
        }
    }
}
