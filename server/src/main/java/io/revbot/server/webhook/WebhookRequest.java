package io.revbot.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.tools.http.OutboundUrlGuard;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A validated {@code POST /webhook} body. Only {@code query} is required; {@code source_system} and
 * {@code source_process} default to {@code "unknown"}; {@code timestamp}, when present, must be ISO-8601 with an
 * offset ({@code 2025-08-13T16:00:00Z}); {@code webhook_url} must pass the SSRF guard.
 */
record WebhookRequest(
        String query,
        String sourceSystem,
        String sourceProcess,
        Optional<Instant> timestamp,
        Optional<String> sessionId,
        Optional<URI> webhookUrl) {

    static final int MAX_QUERY_LENGTH = 8_000;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_URL_LENGTH = 2_048;

    static WebhookRequest parse(JsonNode body, OutboundUrlGuard guard) {
        if (body == null || !body.isObject()) {
            throw WebhookApiException.badRequest("invalid_json", "the body must be a JSON object");
        }
        String query = text(body, "query", MAX_QUERY_LENGTH)
                .filter(q -> !q.isBlank())
                .orElseThrow(() ->
                        WebhookApiException.badRequest("missing_query", "\"query\" is required and must not be empty"));
        String sourceSystem = name(body, "source_system").orElse("unknown");
        String sourceProcess = name(body, "source_process").orElse("unknown");
        Optional<Instant> timestamp = text(body, "timestamp", 64).map(WebhookRequest::instant);
        Optional<String> session = name(body, "session_id").filter(s -> !s.isBlank());
        Optional<URI> url = text(body, "webhook_url", MAX_URL_LENGTH)
                .filter(u -> !u.isBlank())
                .map(u -> checkedUrl(u, guard));
        return new WebhookRequest(query.strip(), sourceSystem, sourceProcess, timestamp, session, url);
    }

    /** A name or id: no control characters at all (they would end up in keys, logs and file names). */
    private static Optional<String> name(JsonNode body, String field) {
        Optional<String> value = text(body, field, MAX_NAME_LENGTH);
        if (value.isPresent() && value.get().chars().anyMatch(Character::isISOControl)) {
            throw WebhookApiException.badRequest(
                    "invalid_field", "\"" + field + "\" must not contain control characters");
        }
        return value;
    }

    /** Text of at most {@code maxLength}, never holding NUL (which no database column takes). */
    private static Optional<String> text(JsonNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw WebhookApiException.badRequest("invalid_field", "\"" + field + "\" must be a string");
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            throw WebhookApiException.badRequest(
                    "field_too_long", "\"" + field + "\" is longer than " + maxLength + " characters");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw WebhookApiException.badRequest("invalid_field", "\"" + field + "\" must not contain NUL characters");
        }
        return Optional.of(value);
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw WebhookApiException.badRequest(
                    "invalid_timestamp", "\"timestamp\" must be ISO-8601 with an offset, e.g. 2025-08-13T16:00:00Z");
        }
    }

    private static URI checkedUrl(String value, OutboundUrlGuard guard) {
        try {
            return guard.check(new URI(value));
        } catch (URISyntaxException e) {
            throw WebhookApiException.badRequest("invalid_webhook_url", "\"webhook_url\" is not a valid URL");
        } catch (OutboundUrlGuard.RefusedUrlException e) {
            throw WebhookApiException.badRequest("invalid_webhook_url", "\"webhook_url\" refused: " + e.getMessage());
        }
    }
}
