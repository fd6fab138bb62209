package io.revbot.server.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/**
 * The JSON shapes of the webhook jobs and the mapper that reads and writes them (snake_case, ISO-8601 instants).
 * Job payloads are records so a handler reads exactly what the edge wrote.
 */
final class WebhookJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private WebhookJson() {}

    /**
     * Payload of a {@code WEBHOOK_REQUEST} job. {@code sessionId} is the client's own id for its conversation;
     * {@code client} is the API client's name, whose namespace the session lives in.
     */
    record RequestJob(
            String query,
            String sourceSystem,
            String sourceProcess,
            Instant timestamp,
            String sessionId,
            String webhookUrl,
            Instant receivedAt,
            String client) {}

    /** {@code ai_response} of the delivery, also the stored result of a succeeded request. */
    record AiResponse(String response, String responsePlain, String sessionId, Instant timestamp) {}

    /** The stored result of a {@code WEBHOOK_REQUEST} job. */
    record RequestResult(
            AiResponse aiResponse,
            String routing,
            java.util.List<String> agentsUsed,
            int toolCalls,
            long inputTokens,
            long outputTokens,
            long durationMs,
            String deliveryJobId) {}

    /** Why a run ended without an answer, as the caller sees it. */
    record Failure(String code, String message) {}

    /** Payload of a {@code WEBHOOK_DELIVERY} job: what to send where; {@code delivered_at} is added per attempt. */
    record DeliveryJob(
            String trackingId,
            String webhookUrl,
            String sourceSystem,
            String sourceProcess,
            String originalQuery,
            AiResponse aiResponse,
            Failure error) {}

    /** The body POSTed to the receiver (ARCHITECTURE §4), plus {@code success}/{@code error} for failed runs. */
    record Delivery(
            String trackingId,
            boolean success,
            String sourceSystem,
            String sourceProcess,
            String originalQuery,
            AiResponse aiResponse,
            Failure error,
            Metadata webhookMetadata) {}

    record Metadata(Instant deliveredAt, String webhookUrl) {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
