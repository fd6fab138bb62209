package io.revbot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one close list every section factory registers on: what was opened last is closed first. */
class CloseablesTest {

    @Test
    void closes_in_reverse_order_of_registration_and_a_failure_does_not_stop_the_rest() {
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
    void closing_twice_closes_each_thing_once() {
        List<String> closed = new ArrayList<>();
        Closeables closeables = new Closeables();
        closeables.add(() -> closed.add("recorder"));

        closeables.close();
        closeables.close();

        assertThat(closed).containsExactly("recorder");
    }

    @Test
    void add_returns_what_it_registered() {
        Closeables closeables = new Closeables();
        AutoCloseable tracer = () -> {};

        assertThat(closeables.add(tracer)).isSameAs(tracer);
    }
}
