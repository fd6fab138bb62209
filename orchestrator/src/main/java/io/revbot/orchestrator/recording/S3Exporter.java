package io.revbot.orchestrator.recording;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Writes exports to {@code s3://bucket/prefix/YYYY/MM/DD/<timestamp>-<run id>/} with the AWS SDK. Works with any
 * S3-compatible store (MinIO, Ceph) through an endpoint override, using path-style addressing there.
 */
public final class S3Exporter implements ConversationExporter, AutoCloseable {
    private final S3Client client;
    private final String bucket;
    private final String prefix;

    public S3Exporter(S3Client client, String bucket, String prefix) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        String p = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
    }

    /**
     * An exporter for {@code s3Uri} ({@code s3://bucket/prefix}); {@code endpoint} overrides AWS's (and turns on
     * path-style addressing); credentials come from AWS's default chain when first needed (no I/O here).
     */
    public static S3Exporter create(URI s3Uri, Optional<URI> endpoint, Optional<String> region) {
        return create(
                s3Uri, endpoint, region, DefaultCredentialsProvider.builder().build());
    }

    static S3Exporter create(
            URI s3Uri, Optional<URI> endpoint, Optional<String> region, AwsCredentialsProvider credentials) {
        var builder =
                S3Client.builder().region(Region.of(region.orElse("us-east-1"))).credentialsProvider(credentials);
        endpoint.ifPresent(e -> builder.endpointOverride(e).forcePathStyle(true));
        return new S3Exporter(builder.build(), s3Uri.getHost(), s3Uri.getPath());
    }

    @Override
    public String write(PreparedExport export) throws IOException {
        String folder = prefix + export.folder() + "/";
        try {
            put(folder + PreparedExport.CONVERSATION_FILE, export.conversationJson());
            put(folder + PreparedExport.METADATA_FILE, export.metadataJson());
        } catch (SdkException e) {
            throw new IOException("S3 export to s3://" + bucket + "/" + folder + " failed: " + e.getMessage(), e);
        }
        return "s3://" + bucket + "/" + folder;
    }

    private void put(String key, String json) {
        client.putObject(
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentType("application/json; charset=utf-8")
                        .build(),
                RequestBody.fromString(json, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        client.close();
    }
}
