package io.revbot.tools.actions;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.revbot.tools.Secret;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.http.JsonHttp;
import io.revbot.tools.http.OutboundUrlGuard;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends approved webhooks: a JSON {@code POST} signed with the Standard Webhooks headers ({@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}). The URL passes {@link OutboundUrlGuard} when it is sent,
 * and the client's DNS re-checks every address it connects to (no redirects are followed), so a DNS answer that
 * changes between proposal and approval cannot reach an internal address.
 */
public final class WebhookSender {
    static final String SYSTEM = "Webhook";

    private final OkHttpClient client;
    private final OutboundUrlGuard guard;
    private final Webhook signer;
    private final Clock clock;

    /**
     * @param signingSecret {@code whsec_…} (base64 key, the Standard Webhooks format) or any other string, whose
     *     UTF-8 bytes are the key
     */
    public WebhookSender(OkHttpClient client, OutboundUrlGuard guard, Secret signingSecret, Clock clock) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.client = client.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .dns(host -> {
                    try {
                        return guard.checkAddresses(host, okhttp3.Dns.SYSTEM.lookup(host));
                    } catch (OutboundUrlGuard.RefusedUrlException e) {
                        throw new java.net.UnknownHostException(e.getMessage());
                    }
                })
                .build();
        String secret = signingSecret.reveal();
        this.signer = secret.startsWith("whsec_")
                ? new Webhook(secret)
                : new Webhook(secret.getBytes(StandardCharsets.UTF_8));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks a URL now (at proposal time); throws {@link OutboundUrlGuard.RefusedUrlException} saying why not. */
    public URI check(URI url) {
        return guard.check(url);
    }

    /** Signs and posts {@code jsonBody}; returns "HTTP 200" or throws with the status. */
    public String send(URI url, String jsonBody) {
        guard.check(url);
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        long timestamp = clock.instant().getEpochSecond();
        String signature;
        try {
            signature = signer.sign(id, timestamp, jsonBody);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("cannot sign webhook", e);
        }
        Request request = new Request.Builder()
                .url(url.toString())
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .header("User-Agent", "RevBot")
                .post(RequestBody.create(jsonBody, JsonHttp.JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new UpstreamException(
                        SYSTEM, url.getHost() + " answered HTTP " + response.code(), response.code() >= 500);
            }
            return "HTTP " + response.code();
        } catch (IOException e) {
            throw new UpstreamException(SYSTEM, "cannot reach " + url.getHost() + ": " + e.getMessage(), true, e);
        }
    }
}
