/**
 * Web search for outside research: the {@link io.revbot.tools.websearch.WebSearch} port, Tavily and Brave Search
 * adapters, and {@link io.revbot.tools.websearch.WebSearchTools} ({@code web_search}), which says plainly when no
 * provider is configured.
 */
package io.revbot.tools.websearch;
