package io.revbot.tools.actions;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.revbot.tools.Secret;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.http.HostAllowList;
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
 * {@code webhook-timestamp}, {@code webhook-signature}), only to allowed hosts. The URL passes the host allow-list
 * and {@link OutboundUrlGuard} when it is proposed and again when it is sent,
 * and the client's DNS re-checks every address it connects to (no redirects are followed), so a DNS answer that
 * changes between proposal and approval cannot reach an internal address.
 */
public final class WebhookSender {
    static final String SYSTEM = "Webhook";

    private final OkHttpClient client;
    private final OutboundUrlGuard guard;
    private final HostAllowList hosts;
    private final Webhook signer;
    private final Clock clock;

    /**
     * @param hosts the only hosts webhooks may go to ({@code REVBOT_ACTION_WEBHOOK_HOSTS} and the hosts of the
     *     configured targets)
     * @param signingSecret {@code whsec_…} (base64 key, the Standard Webhooks format) or any other string, whose
     *     UTF-8 bytes are the key
     */
    public WebhookSender(
            OkHttpClient client, OutboundUrlGuard guard, HostAllowList hosts, Secret signingSecret, Clock clock) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
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

    /**
     * Checks a URL now (at proposal time, and again before sending): its host must be allowed, and the SSRF guard
     * must pass it. Throws {@link OutboundUrlGuard.RefusedUrlException} saying why not.
     */
    public URI check(URI url) {
        if (url == null || !hosts.allows(url)) {
            String host = HostAllowList.hostOf(url).orElse(String.valueOf(url));
            throw new OutboundUrlGuard.RefusedUrlException("host " + host + " is not an allowed webhook host"
                    + (hosts.isEmpty() ? " (none are allowed)" : " (allowed: " + hosts + ")")
                    + "; an administrator can add it to REVBOT_ACTION_WEBHOOK_HOSTS");
        }
        return guard.check(url);
    }

    /** Signs and posts {@code jsonBody}; returns "HTTP 200" or throws with the status. */
    public String send(URI url, String jsonBody) {
        check(url);
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
