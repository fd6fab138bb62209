package io.revbot.tools.warehouse;

import io.revbot.tools.ToolException;

/** The SQL guard refused a statement; the message says why, for the model (or the person at the CLI) to fix it. */
public final class SqlRefusedException extends ToolException {
    public SqlRefusedException(String reason) {
        super("SQL refused: " + reason);
    }
}
