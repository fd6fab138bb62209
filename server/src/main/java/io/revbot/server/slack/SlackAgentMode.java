package io.revbot.server.slack;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per workspace, whether RevBot may use Slack's agent methods (sessions, streamed answers). A workspace whose app is
 * not declared as an agent refuses them ({@code not_authorized}, {@code unknown_method}); from then on RevBot answers
 * there with plain messages ({@code chat.postMessage} / {@code chat.update}) and says so once in the log. Kept for
 * the life of the process: a restart tries again, so declaring the app an agent later takes effect then.
 */
final class SlackAgentMode {
    private static final System.Logger LOG = System.getLogger(SlackAgentMode.class.getName());

    private final Set<String> plainMessages = ConcurrentHashMap.newKeySet();

    /** Whether to try the agent methods in workspace {@code team}. */
    boolean agent(String team) {
        return !plainMessages.contains(team);
    }

    /** Remembers that workspace {@code team} refused {@code method}; logs the switch the first time. */
    void refused(String team, String method, String error) {
        if (plainMessages.add(team)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Slack workspace " + team + " refused " + method + " (" + error + "): the app is not declared as"
                            + " an agent there, so RevBot answers with plain messages (chat.postMessage/chat.update)."
                            + " Enable 'Agents & AI Apps' in the app settings and restart to stream answers.");
        }
    }
}
