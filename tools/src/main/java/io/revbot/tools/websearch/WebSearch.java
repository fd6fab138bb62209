package io.revbot.tools.websearch;

import java.util.List;
import java.util.Optional;

/** A web search provider: outside research on companies, people, competitors and news. Thread-safe. */
public interface WebSearch {

    /** Name and endpoint for logs and {@code doctor}, e.g. {@code "tavily (https://api.tavily.com)"}. */
    String describe();

    /**
     * Searches the web.
     *
     * @throws io.revbot.tools.UpstreamException when the provider fails
     */
    List<Result> search(String query, int maxResults);

    /** One hit: title, URL, the provider's snippet and, when known, its publication date or age. */
    record Result(String title, String url, String snippet, Optional<String> published) {}
}
