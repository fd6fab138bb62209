package io.revbot.orchestrator.routing;

import io.revbot.agents.Agents;

/** Agents set up for router tests in other packages. */
public final class RouterTestAgents {
    private RouterTestAgents() {}

    /** The shipped agents with thresholds no probability reaches, so the routing model is asked. */
    public static Agents neverSure() {
        return RouterTest.neverSure();
    }
}
