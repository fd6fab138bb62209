package io.revbot.agents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/** A validated set of agent specs: the manager and its specialists, and how the router decides between them. */
public final class Agents {
    private final Map<AgentName, AgentSpec> specs;
    private final Optional<RoutingSpec> routing;

    public Agents(Map<AgentName, AgentSpec> specs) {
        this(specs, Optional.empty());
    }

    public Agents(Map<AgentName, AgentSpec> specs, Optional<RoutingSpec> routing) {
        this.specs = Collections.unmodifiableMap(new TreeMap<>(specs));
        this.routing = java.util.Objects.requireNonNull(routing, "routing");
        if (!this.specs.containsKey(AgentName.MANAGER)) {
            throw new IllegalArgumentException("the agents must include the manager");
        }
    }

    /** The router's rules and thresholds ({@code routing.yaml}); empty means every question goes to the manager. */
    public Optional<RoutingSpec> routing() {
        return routing;
    }

    public AgentSpec manager() {
        return specs.get(AgentName.MANAGER);
    }

    /** Every agent except the manager, by name. */
    public List<AgentSpec> specialists() {
        List<AgentSpec> out = new ArrayList<>();
        specs.values().forEach(s -> {
            if (!s.isManager()) {
                out.add(s);
            }
        });
        return List.copyOf(out);
    }

    public Optional<AgentSpec> find(AgentName name) {
        return Optional.ofNullable(specs.get(name));
    }

    public AgentSpec get(AgentName name) {
        return find(name).orElseThrow(() -> new NoSuchElementException("no agent named " + name));
    }

    public Map<AgentName, AgentSpec> all() {
        return specs;
    }
}
