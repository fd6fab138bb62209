/**
 * Configuration bound once into validated records. Sources, lowest precedence first: {@code revbot.yaml} (the
 * same keys as the environment), environment variables, command-line flags. Unknown or malformed values stop
 * start-up with one line naming the key and what was expected. Only the composition root reads it.
 */
package io.revbot.server.config;
