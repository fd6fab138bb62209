/**
 * RevBot in Slack: verified Events API and interactivity endpoints ({@link io.revbot.server.slack.SlackEventsService},
 * {@link io.revbot.server.slack.SlackInteractionsService}), the job handler that answers a thread with live
 * narration ({@link io.revbot.server.slack.SlackEventHandler}), approval buttons for write actions, Markdown to
 * mrkdwn conversion, and optional Socket Mode. {@link io.revbot.server.slack.SlackBot} assembles them.
 */
package io.revbot.server.slack;
