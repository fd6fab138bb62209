/**
 * Write actions (Slack notification, webhook, CRM field update). An agent only ever <em>proposes</em> one: it
 * becomes a {@link io.revbot.tools.actions.PendingAction} that executes once, when a person approves it through
 * {@link io.revbot.tools.actions.PendingActions} (Slack buttons, or the API), and leaves an audit record.
 */
package io.revbot.tools.actions;
