/**
 * The shared kernel every RevBot module may use: the exception hierarchy that says whose fault a failure is, and
 * the {@link io.revbot.tools.ToolObserver} through which tools report facts (row counts, knowledge references) to
 * the run that called them without depending on the orchestrator.
 */
package io.revbot.tools;
