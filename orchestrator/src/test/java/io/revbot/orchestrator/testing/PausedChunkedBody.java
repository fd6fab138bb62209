package io.revbot.orchestrator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A streamed MockWebServer body: parts written one HTTP/1.1 chunk at a time, each after its pause and flushed, so a
 * client reads them as they come (a model writing its answer). MockWebServer writes a custom body as is, so the
 * chunked framing is written here; {@link #respond} sets the matching headers.
 */
final class PausedChunkedBody implements MockResponseBody {
    /** One part and the pause before it. */
    record Part(Duration pauseBefore, byte[] bytes) {
        static Part of(Duration pauseBefore, String text) {
            return new Part(pauseBefore, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final List<Part> parts;

    PausedChunkedBody(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** A 200 answer of {@code contentType} streaming this body. */
    MockResponse respond(String contentType) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", contentType)
                .addHeader("Transfer-Encoding", "chunked")
                .body(this)
                .removeHeader("Content-Length") // MockWebServer sets -1 for a body of unknown length
                .build();
    }

    /** Server-sent events: {@code event:} (when named) and {@code data:} lines, a blank line after each. */
    static String sse(String event, String data) {
        return (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
    }

    List<Part> parts() {
        return new ArrayList<>(parts);
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        for (Part part : parts) {
            if (!part.pauseBefore().isZero()) {
                try {
                    Thread.sleep(part.pauseBefore().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            sink.writeUtf8(Integer.toHexString(part.bytes().length)).writeUtf8("\r\n");
            sink.write(part.bytes());
            sink.writeUtf8("\r\n");
            sink.flush();
        }
        sink.writeUtf8("0\r\n\r\n");
        sink.flush();
    }
}
