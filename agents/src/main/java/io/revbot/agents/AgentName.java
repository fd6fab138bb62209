package io.revbot.agents;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of an agent, as its folder under {@code agents/} spells it ({@code manager}, {@code deal_analysis}…).
 * A validated value, never free text: routing decisions carry an {@code AgentName}, not a string.
 */
public record AgentName(String value) implements Comparable<AgentName> {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public static final AgentName MANAGER = new AgentName("manager");
    public static final AgentName DEAL_ANALYSIS = new AgentName("deal_analysis");
    public static final AgentName LEAD_ANALYSIS = new AgentName("lead_analysis");
    public static final AgentName DATA = new AgentName("data");
    public static final AgentName WEB_SEARCH = new AgentName("web_search");
    public static final AgentName EXECUTION = new AgentName("execution");
    /**
     * Not an agent folder: the router, which decides before any model call and may hand a question straight to one
     * specialist. Events and exports name it where the manager would otherwise stand.
     */
    public static final AgentName ROUTER = new AgentName("router");

    public AgentName {
        Objects.requireNonNull(value, "agent name");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "agent name must be lower_snake_case (letters, digits, underscores), was '" + value + "'");
        }
    }

    /** "Deal analysis" for {@code deal_analysis}: how narration and viewers show the agent to people. */
    public String displayName() {
        String spaced = value.replace('_', ' ');
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    @Override
    public int compareTo(AgentName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
