/**
 * The command line of ARCHITECTURE §4. One class per command; each takes what it needs from
 * {@link io.revbot.server.cli.CliContext}. Exit codes: 0 ok, 2 usage, 1 failure with a one-line reason on stderr.
 */
package io.revbot.server.cli;
