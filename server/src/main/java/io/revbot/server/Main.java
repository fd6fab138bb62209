package io.revbot.server;

import io.revbot.server.cli.RevbotCommand;

/** {@code ./revbot <command>}: see {@link RevbotCommand} for the commands. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int exitCode = RevbotCommand.execute(System.getenv(), args);
        // Some libraries (JSqlParser's executor, HTTP client pools) keep non-daemon threads alive: end explicitly,
        // except for `serve`, which returns only when the server has stopped.
        System.exit(exitCode);
    }
}
