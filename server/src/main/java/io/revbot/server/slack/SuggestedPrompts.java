package io.revbot.server.slack;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The questions offered when someone opens RevBot's DM ({@code app_home_opened} on the Messages tab): at most four,
 * set once per DM per process through {@code assistant.threads.setSuggestedPrompts}, off the request thread so the
 * event is acknowledged at once. Only for workspaces where the app is an agent ({@link SlackAgentMode}).
 */
final class SuggestedPrompts {
    /** One prompt: what the button says and the question it sends. */
    record Prompt(String title, String message) {}

    static final String TITLE = "Try asking";
    static final List<Prompt> DEFAULTS = List.of(
            new Prompt("Review a deal", "How is the Acme renewal looking? Review it against MEDDPICC."),
            new Prompt("Pipeline this quarter", "What does this quarter's pipeline look like by stage?"),
            new Prompt("Churn risks", "Which accounts are most at risk of churning?"),
            new Prompt("Score a lead", "Is Jane Doe at Globex a good fit for our ICP?"));

    private static final System.Logger LOG = System.getLogger(SuggestedPrompts.class.getName());

    private final SlackAgentApi api;
    private final SlackAgentMode mode;
    private final List<Prompt> prompts;
    private final Set<String> offered = ConcurrentHashMap.newKeySet();

    SuggestedPrompts(SlackAgentApi api, SlackAgentMode mode, List<Prompt> prompts) {
        this.api = Objects.requireNonNull(api, "api");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (prompts.isEmpty() || prompts.size() > 4) {
            throw new IllegalArgumentException("Slack shows one to four suggested prompts, not " + prompts.size());
        }
        this.prompts = List.copyOf(prompts);
    }

    /** Offers the prompts in DM {@code channel} of workspace {@code team}, once, on a virtual thread. */
    void offer(String team, String channel) {
        if (!mode.agent(team) || !offered.add(team + ":" + channel)) {
            return;
        }
        Thread.ofVirtual().name("slack-prompts").start(() -> {
            try {
                api.setSuggestedPrompts(channel, prompts, TITLE);
            } catch (RuntimeException e) {
                offered.remove(team + ":" + channel);
                if (SlackAgentApi.notAnAgent(e)) {
                    mode.refused(team, "assistant.threads.setSuggestedPrompts", e.getMessage());
                } else {
                    LOG.log(System.Logger.Level.INFO, "could not set suggested prompts: " + e.getMessage());
                }
            }
        });
    }
}
