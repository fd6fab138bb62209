package io.revbot.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Exports a recorded run to a local S3-compatible endpoint (MockWebServer answering S3's PutObject like MinIO does)
 * through the real AWS SDK, and to a directory, and checks what arrived.
 */
class ConversationExportIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T15:00:00Z"), ZoneOffset.UTC);

    private final MockWebServer s3 = new MockWebServer();
    private final List<RecordedRequest> puts = new ArrayList<>();

    @BeforeEach
    void startS3() throws Exception {
        s3.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (puts) {
                    puts.add(request);
                }
                if (!request.getMethod().equals("PUT")) {
                    return new MockResponse.Builder().code(405).build();
                }
                return new MockResponse.Builder()
                        .code(200)
                        .addHeader("ETag", "\"9b2cf535f27731c974343645a3985328\"")
                        .addHeader("x-amz-request-id", "4442587FB7D0A2F9")
                        .build();
            }
        });
        s3.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void aRecordedRunIsPutToS3WithSigV4PathStyleAndWrittenToTheDirectory(@TempDir Path dir) throws Exception {
        URI endpoint = URI.create("http://127.0.0.1:" + s3.getPort());
        S3Exporter toS3 = S3Exporter.create(
                URI.create("s3://revbot-exports/prod/conversations/"),
                Optional.of(endpoint),
                Optional.of("eu-west-1"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLEKEY", "example-secret")));
        DirectoryExporter toDir = new DirectoryExporter(dir);
        ScriptedRuns run = ScriptedRuns.parallelDelegation("run-s3", ScriptedRuns.T0);

        try (RunRecorder recorder =
                        new RunRecorder(PriceTable.builtIn(), Redactor.patternsOnly(), List.of(toDir, toS3), CLOCK);
                toS3) {
            run.events().forEach(recorder::on);
            assertThat(recorder.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(recorder.stats().exported()).isEqualTo(1);
            assertThat(recorder.stats().failed()).isZero();
        }

        String folder = "/revbot-exports/prod/conversations/2026/11/20/2026-11-20T14-30-00Z-run-s3/";
        assertThat(puts).extracting(RecordedRequest::getMethod).containsOnly("PUT");
        assertThat(puts)
                .extracting(r -> r.getUrl().encodedPath())
                .containsExactly(folder + "conversation.json", folder + "metadata.json");
        for (RecordedRequest put : puts) {
            assertThat(put.getHeaders().get("Authorization"))
                    .matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLEKEY/\\d{8}/eu-west-1/s3/aws4_request, .*")
                    .contains("SignedHeaders=")
                    .contains("Signature=");
            assertThat(put.getHeaders().get("x-amz-content-sha256")).isNotBlank();
            assertThat(put.getHeaders().get("Content-Type")).startsWith("application/json");
        }

        Path local = dir.resolve("2026/11/20/2026-11-20T14-30-00Z-run-s3");
        String conversation = Files.readString(local.resolve("conversation.json"));
        String sentConversation = payload(puts.get(0));
        assertThat(sentConversation).isEqualTo(conversation);
        JsonNode parsed = ConversationJson.MAPPER.readTree(sentConversation);
        assertThat(parsed.at("/export_metadata/run_id").asText()).isEqualTo("run-s3");
        assertThat(new RecordValidator().validateJson(parsed)).isEmpty();
        assertThat(payload(puts.get(1))).isEqualTo(Files.readString(local.resolve("metadata.json")));
    }

    @Test
    void anS3OutageIsCountedAsAFailedExportAndTheDirectoryCopyStillLands(@TempDir Path dir) throws Exception {
        s3.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder()
                        .code(403)
                        .addHeader("Content-Type", "application/xml")
                        .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                                + "<Message>Access Denied</Message></Error>")
                        .build();
            }
        });
        S3Exporter toS3 = S3Exporter.create(
                URI.create("s3://revbot-exports"),
                Optional.of(URI.create("http://127.0.0.1:" + s3.getPort())),
                Optional.empty(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLEKEY", "example-secret")));
        try (RunRecorder recorder = new RunRecorder(
                        PriceTable.builtIn(),
                        Redactor.patternsOnly(),
                        List.of(new DirectoryExporter(dir), toS3),
                        CLOCK);
                toS3) {
            ScriptedRuns.toolError("run-denied", ScriptedRuns.T0).events().forEach(recorder::on);
            assertThat(recorder.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(recorder.stats().failed()).isEqualTo(1);
        }
        assertThat(dir.resolve("2026/11/20/2026-11-20T14-30-00Z-run-denied/metadata.json"))
                .exists();
        assertThat(s3.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath())
                .isEqualTo("/revbot-exports/2026/11/20/2026-11-20T14-30-00Z-run-denied/conversation.json");
    }

    /** The object's bytes, decoding aws-chunked framing when the SDK streamed a signed payload. */
    private static String payload(RecordedRequest put) {
        String body = put.getBody().string(StandardCharsets.UTF_8);
        String encoding = put.getHeaders().get("Content-Encoding");
        if (encoding == null || !encoding.contains("aws-chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int lineEnd = body.indexOf("\r\n", i);
            String header = body.substring(i, lineEnd);
            int size = Integer.parseInt(header.split(";")[0], 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            byte[] bytes = body.substring(start).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(bytes, 0, size, StandardCharsets.UTF_8);
            out.append(chunk);
            i = start + chunk.length() + 2;
        }
        return out.toString();
    }
}
