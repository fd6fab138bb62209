package io.revbot.tools.actions;

class InMemoryPendingActionsTest extends PendingActionsContract {
    private final InMemoryPendingActions shared = new InMemoryPendingActions(executor);

    @Override
    PendingActionStore store() {
        return shared; // one process: "two processes" share the same memory
    }
}
