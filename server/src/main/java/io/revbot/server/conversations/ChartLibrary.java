package io.revbot.server.conversations;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Chart.js, served from its WebJar ({@code org.webjars.npm:chart.js}) at {@code /conversations/lib/chart.umd.js}, so
 * the usage page draws its charts without any request leaving the server. The UMD build bundles its one dependency
 * (the colour library). The version is read from the WebJar's own Maven properties, so upgrading is a POM change.
 */
final class ChartLibrary {
    private static final String POM_PROPERTIES = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private ChartLibrary() {}

    /** The classpath resource of the UMD build, e.g. {@code /META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.js}. */
    static String resource() {
        try (InputStream in = ChartLibrary.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the chart.js WebJar is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return "/META-INF/resources/webjars/chart.js/" + p.getProperty("version") + "/dist/chart.umd.js";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void send(ServerResponse res) {
        try (InputStream in = ChartLibrary.class.getResourceAsStream(Holder.RESOURCE)) {
            if (in == null) {
                res.status(Status.NOT_FOUND_404).send("not found");
                return;
            }
            res.headers().contentType(MediaTypes.create("text", "javascript"));
            res.headers().set(HeaderNames.CACHE_CONTROL, "max-age=86400");
            res.headers().set(ConversationsService.NOSNIFF);
            res.send(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Looked up on first use, not at class load, so a missing WebJar fails the request that needs it. */
    private static final class Holder {
        static final String RESOURCE = resource();
    }
}
