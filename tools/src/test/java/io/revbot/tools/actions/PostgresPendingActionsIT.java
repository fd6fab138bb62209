package io.revbot.tools.actions;

import io.revbot.tools.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/** The contract against native PostgreSQL; each {@link #store()} is a separate store, as two processes would be. */
class PostgresPendingActionsIT extends PendingActionsContract {
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void database() throws Exception {
        String url = TestDatabases.freshSchema(TestDatabases.postgresUrl(), "pending_actions");
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(migration("V400__pending_actions.sql"));
            s.execute(migration("V402__pending_action_provenance.sql"));
        }
    }

    @Override
    PendingActionStore store() {
        return new PostgresPendingActions(dataSource, executor);
    }

    private static String migration(String file) throws IOException {
        try (InputStream in = PostgresPendingActionsIT.class.getResourceAsStream("/db/migration/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
