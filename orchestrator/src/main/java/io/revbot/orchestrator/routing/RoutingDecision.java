package io.revbot.orchestrator.routing;

import io.revbot.agents.AgentName;
import java.util.List;
import java.util.Objects;

/**
 * What the router decided for one question, before any model call of the run: answer from a template, run one
 * specialist whose complete answer is the answer, or let the manager's turns decide. The run switches over it.
 */
public sealed interface RoutingDecision {

    Tier tier();

    /** How sure the deciding tier was, in [0, 1]; null when it gives no figure (the routing model). */
    Double confidence();

    /** The lead over the runner-up agent, in [0, 1]; null when there is none. */
    Double margin();

    /** Why, in a few words for people (narration, exports, {@code revbot route}). */
    String reason();

    /** The specialist a question goes to; for the manager, the agents its parts seemed to need (may be empty). */
    List<AgentName> agents();

    /** {@code direct}, {@code specialist} or {@code supervisor}. */
    default String decision() {
        return switch (this) {
            case Direct d -> "direct";
            case Specialist s -> "specialist";
            case Supervisor s -> "supervisor";
        };
    }

    /** A greeting, thanks, "what can you do" or a connectivity check: answered from a template, no model call. */
    record Direct(String rule, String answer, String reason) implements RoutingDecision {
        public Direct {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Tier tier() {
            return Tier.RULES;
        }

        /** A rule matches the whole question or not at all. */
        @Override
        public Double confidence() {
            return 1.0;
        }

        @Override
        public Double margin() {
            return null;
        }

        @Override
        public List<AgentName> agents() {
            return List.of();
        }
    }

    /** One specialist can answer the whole question: it runs directly and its complete answer is the answer. */
    record Specialist(AgentName agent, Tier tier, Double confidence, Double margin, String reason)
            implements RoutingDecision {
        public Specialist {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(reason, "reason");
            if (tier != Tier.EMBEDDING && tier != Tier.MODEL) {
                throw new IllegalArgumentException("only the embedding and model tiers pick a specialist");
            }
        }

        @Override
        public List<AgentName> agents() {
            return List.of(agent);
        }
    }

    /** The manager's turns decide, exactly as without a router. */
    record Supervisor(Tier tier, Double confidence, Double margin, String reason, List<AgentName> agents)
            implements RoutingDecision {
        public Supervisor {
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(reason, "reason");
            agents = List.copyOf(agents);
        }

        static Supervisor because(Tier tier, String reason) {
            return new Supervisor(tier, null, null, reason, List.of());
        }
    }
}
