package io.revbot.orchestrator;

/** How the manager handled a request. */
public enum Routing {
    /** The manager answered itself (possibly after its own light tools, such as knowledge search). */
    DIRECT,
    /** The manager delegated to one or more specialists and wrote the answer from their findings. */
    DELEGATED,
    /** The manager delegated to exactly one specialist and passed its complete answer through unchanged. */
    PASS_THROUGH
}
