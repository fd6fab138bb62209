package io.revbot.server.slack;

import io.revbot.tools.RevBotException;

/** A request on a Slack endpoint that Slack did not sign (or signed too long ago): answered with 401. */
final class InvalidSlackRequestException extends RevBotException {
    InvalidSlackRequestException(String message) {
        super(message);
    }
}
