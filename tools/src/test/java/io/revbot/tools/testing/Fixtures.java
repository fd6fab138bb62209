package io.revbot.tools.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Payload fixtures under {@code src/test/resources/io/revbot/tools/}. */
public final class Fixtures {
    private Fixtures() {}

    /** The fixture at {@code io/revbot/tools/<path>}, e.g. {@code read("gong/calls-page1.json")}. */
    public static String read(String path) {
        try (InputStream in = Objects.requireNonNull(
                Fixtures.class.getResourceAsStream("/io/revbot/tools/" + path), "no fixture " + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
