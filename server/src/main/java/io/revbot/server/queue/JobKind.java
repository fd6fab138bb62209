package io.revbot.server.queue;

/** What a job does; each kind has one {@link JobHandler}. */
public enum JobKind {
    /** A Slack event (app mention or direct message) to answer in its thread. */
    SLACK_EVENT,
    /** An approved or rejected write action from a Slack button click. */
    SLACK_APPROVAL,
    /** A question received on {@code POST /webhook}. */
    WEBHOOK_REQUEST,
    /** A result to POST to the requester's webhook URL. */
    WEBHOOK_DELIVERY
}
