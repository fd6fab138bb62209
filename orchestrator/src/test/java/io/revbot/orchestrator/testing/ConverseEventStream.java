package io.revbot.orchestrator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A Converse answer as Bedrock's {@code ConverseStream} writes it: AWS event-stream messages ({@code messageStart},
 * per content block {@code contentBlockStart}/{@code contentBlockDelta}/{@code contentBlockStop}, {@code messageStop},
 * {@code metadata}), each framed with its prelude CRC32, string headers ({@code :event-type}, {@code :content-type},
 * {@code :message-type}), a JSON payload and the message CRC32. Text is cut into deltas of {@code chunkChars}, and
 * the body pauses {@code gap} before each text delta, flushing as it goes, so a client sees the text arrive over time.
 * The body is sent with {@code Transfer-Encoding: chunked}, one chunk per message ({@link PausedChunkedBody}).
 */
final class ConverseEventStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConverseEventStream() {}

    /** The events of a Converse response ({@code output.message.content[]}, {@code stopReason}, {@code usage}). */
    static PausedChunkedBody of(JsonNode converse, int chunkChars, Duration gap) {
        List<PausedChunkedBody.Part> frames = new ArrayList<>();
        frames.add(frame(Duration.ZERO, "messageStart", JSON.createObjectNode().put("role", "assistant")));
        int index = 0;
        for (JsonNode block : converse.path("output").path("message").path("content")) {
            if (block.has("text")) {
                String text = block.get("text").asText();
                for (int i = 0; i < text.length(); i += chunkChars) {
                    ObjectNode delta = JSON.createObjectNode().put("contentBlockIndex", index);
                    delta.putObject("delta").put("text", text.substring(i, Math.min(text.length(), i + chunkChars)));
                    frames.add(frame(gap, "contentBlockDelta", delta));
                }
            } else if (block.has("toolUse")) {
                JsonNode use = block.get("toolUse");
                ObjectNode start = JSON.createObjectNode().put("contentBlockIndex", index);
                start.putObject("start")
                        .putObject("toolUse")
                        .put("toolUseId", use.path("toolUseId").asText())
                        .put("name", use.path("name").asText());
                frames.add(frame(Duration.ZERO, "contentBlockStart", start));
                ObjectNode delta = JSON.createObjectNode().put("contentBlockIndex", index);
                delta.putObject("delta")
                        .putObject("toolUse")
                        .put("input", use.path("input").toString());
                frames.add(frame(Duration.ZERO, "contentBlockDelta", delta));
            }
            frames.add(frame(
                    Duration.ZERO, "contentBlockStop", JSON.createObjectNode().put("contentBlockIndex", index)));
            index++;
        }
        frames.add(frame(
                Duration.ZERO,
                "messageStop",
                JSON.createObjectNode()
                        .put("stopReason", converse.path("stopReason").asText("end_turn"))));
        ObjectNode metadata = JSON.createObjectNode();
        metadata.set("usage", converse.path("usage").deepCopy());
        metadata.putObject("metrics").put("latencyMs", 5);
        frames.add(frame(Duration.ZERO, "metadata", metadata));
        return new PausedChunkedBody(frames);
    }

    private static PausedChunkedBody.Part frame(Duration pause, String eventType, JsonNode payload) {
        return new PausedChunkedBody.Part(
                pause, encode(eventType, payload.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** One event-stream message: prelude (total length, headers length, CRC32), headers, payload, message CRC32. */
    static byte[] encode(String eventType, byte[] payload) {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        header(headers, ":event-type", eventType);
        header(headers, ":content-type", "application/json");
        header(headers, ":message-type", "event");
        byte[] headerBytes = headers.toByteArray();
        int total = 4 + 4 + 4 + headerBytes.length + payload.length + 4;
        ByteBuffer message = ByteBuffer.allocate(total);
        message.putInt(total).putInt(headerBytes.length);
        message.putInt((int) crc(message.array(), 0, 8));
        message.put(headerBytes).put(payload);
        message.putInt((int) crc(message.array(), 0, total - 4));
        return message.array();
    }

    private static void header(ByteArrayOutputStream out, String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        out.write(n.length);
        out.writeBytes(n);
        out.write(7); // string
        out.write((v.length >> 8) & 0xff);
        out.write(v.length & 0xff);
        out.writeBytes(v);
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
