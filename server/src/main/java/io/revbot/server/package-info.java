/**
 * The composition root: {@link io.revbot.server.Main} reads configuration, {@link io.revbot.server.Components}
 * builds every component from it through one package-private factory per section (the only place that picks
 * implementations), and the CLI and HTTP edges use them.
 */
package io.revbot.server;
