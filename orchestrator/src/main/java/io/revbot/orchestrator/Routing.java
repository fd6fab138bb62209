package io.revbot.orchestrator;

/** How a request was answered. */
public enum Routing {
    /**
     * Without a specialist: the manager answered itself (possibly after its own light tools, such as knowledge
     * search), or the router answered from a template.
     */
    DIRECT,
    /** The manager delegated to one or more specialists and wrote the answer from their findings. */
    DELEGATED,
    /** The manager delegated to exactly one specialist and passed its complete answer through unchanged. */
    PASS_THROUGH,
    /** The router sent the question straight to one specialist, whose complete answer is the answer. */
    ROUTED
}
