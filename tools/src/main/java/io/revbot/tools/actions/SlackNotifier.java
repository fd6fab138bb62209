package io.revbot.tools.actions;

/** Posts a message to a Slack channel: the executor of approved {@code slack_notification} actions. */
public interface SlackNotifier {

    String describe();

    /** Proves the bot token works ({@code auth.test}); returns "team / bot user"; throws when it does not. */
    String check();

    /**
     * Posts {@code text} to {@code channel} (a channel id such as {@code C0123ABCD} or a name such as {@code #deals}).
     *
     * @return the message's timestamp ({@code ts})
     * @throws io.revbot.tools.UpstreamException with Slack's error code ({@code channel_not_found}, …)
     */
    String post(String channel, String text);
}
