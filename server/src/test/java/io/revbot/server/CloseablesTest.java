package io.revbot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one close list every section factory registers on: what was opened last is closed first. */
class CloseablesTest {

    @Test
    void closesInReverseOrderOfRegistrationAndAFailureDoesNotStopTheRest() {
        List<String> closed = new ArrayList<>();
        Closeables closeables = new Closeables();
        closeables.add(() -> closed.add("database pool"));
        closeables.add(() -> {
            closed.add("warehouse");
            throw new IllegalStateException("planted failure");
        });
        closeables.add(() -> closed.add("slack bot"));

        closeables.close();

        assertThat(closed).containsExactly("slack bot", "warehouse", "database pool");
    }

    @Test
    void closingTwiceClosesEachThingOnce() {
        List<String> closed = new ArrayList<>();
        Closeables closeables = new Closeables();
        closeables.add(() -> closed.add("recorder"));

        closeables.close();
        closeables.close();

        assertThat(closed).containsExactly("recorder");
    }

    @Test
    void addReturnsWhatItRegistered() {
        Closeables closeables = new Closeables();
        AutoCloseable tracer = () -> {};

        assertThat(closeables.add(tracer)).isSameAs(tracer);
    }
}
