package io.revbot.orchestrator;

/** Where a request came from; decides the answer's format (Slack mrkdwn or plain text) and how it is delivered. */
public enum Channel {
    SLACK,
    WEBHOOK,
    CLI,
    /** A tool call from an MCP client (RevBot as an MCP server): recorded like a run, answered by the tool alone. */
    MCP
}
