-- What the run had read when an action was proposed (tools: io.revbot.tools.actions.Provenance), shown on the
-- approval card. read_sources: labels joined by commas; outside_content NULL for actions stored before this
-- migration (shown as unknown, i.e. as having read outside content).
ALTER TABLE pending_actions ADD COLUMN read_sources TEXT NOT NULL DEFAULT '';
ALTER TABLE pending_actions ADD COLUMN outside_content BOOLEAN;
