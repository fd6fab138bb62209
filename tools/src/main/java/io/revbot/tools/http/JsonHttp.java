package io.revbot.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.tools.UpstreamException;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends a request and reads a JSON answer, turning every failure into an {@link UpstreamException} naming the
 * system: I/O failures and 429/5xx are retriable, other statuses are not. The error message comes from the
 * system's own error JSON when {@code errorMessage} can read it, else the status line; never from the request, so
 * no credential appears in it.
 */
public final class JsonHttp {
    public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient client;
    private final String system;
    private final Function<JsonNode, String> errorMessage;

    /**
     * @param errorMessage reads the upstream's error text from an error body, or returns null when it is not there
     */
    public JsonHttp(OkHttpClient client, String system, Function<JsonNode, String> errorMessage) {
        this.client = Objects.requireNonNull(client, "client");
        this.system = Objects.requireNonNull(system, "system");
        this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage");
    }

    public OkHttpClient client() {
        return client;
    }

    public String system() {
        return system;
    }

    /** The answer's JSON (a {@code NullNode} for an empty body); throws for a non-2xx status. */
    public JsonNode send(Request request) {
        return exchange(request).json();
    }

    /** The status, headers and JSON of a 2xx answer; throws for a non-2xx status. */
    public Answer exchange(Request request) {
        try (Response response = client.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw failure(response.code(), body);
            }
            JsonNode json = body.isBlank() ? MAPPER.nullNode() : MAPPER.readTree(body);
            return new Answer(response.code(), response.headers(), json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UpstreamException(system, "answered with something that is not JSON", false, e);
        } catch (IOException e) {
            throw new UpstreamException(
                    system, "cannot reach " + request.url().host() + ": " + e.getMessage(), true, e);
        }
    }

    /** The exception for a non-2xx answer, with the upstream's own message when it has one. */
    public UpstreamException failure(int code, String body) {
        String message = null;
        try {
            if (body != null && !body.isBlank()) {
                JsonNode json = MAPPER.readTree(body);
                message = errorMessage.apply(json);
            }
        } catch (IOException | RuntimeException notJson) {
            message = null;
        }
        if (message == null || message.isBlank()) {
            String excerpt = body == null ? "" : body.strip();
            message = excerpt.isEmpty() || excerpt.length() > 300 || excerpt.startsWith("<") ? "" : excerpt;
        }
        boolean retriable = code == 429 || code >= 500;
        return new UpstreamException(system, "HTTP " + code + (message.isEmpty() ? "" : ": " + message), retriable);
    }

    public static RequestBody json(Object value) {
        try {
            return RequestBody.create(MAPPER.writeValueAsString(value), JSON);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass(), e);
        }
    }

    /** A 2xx answer. */
    public record Answer(int code, okhttp3.Headers headers, JsonNode json) {}
}
