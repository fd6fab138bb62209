package io.revbot.orchestrator.models;

import java.util.Locale;

/**
 * One cache point of a model request, placed or skipped. Everything before it in the provider's order (tools, then
 * system, then messages) is the prefix it caches.
 *
 * @param after what the prefix ends with
 * @param message the index, in the request's messages as the provider groups them (consecutive tool results are one
 *     message; system messages are not messages), of the message the point follows; -1 for the system prompt
 * @param prefixTokens the prefix's size, estimated at four characters a token
 * @param minimumTokens what the provider requires of this point's prefix
 * @param reason why it was skipped; null when placed
 */
public record CachePoint(Position after, int message, long prefixTokens, long minimumTokens, String reason) {

    /** Where a cache point goes. */
    public enum Position {
        /** After the system prompt: covers the tool definitions and the instructions. */
        TOOLS_AND_SYSTEM,
        /** After the conversation's history, before the question being answered. */
        HISTORY;

        /** {@code tools_and_system}, {@code history}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean placed() {
        return reason == null;
    }
}
