package io.revbot.server.slack;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The filter in front of every Slack endpoint: reads the raw body once (bounded), checks Slack's signature over it
 * and answers 401 before any handler runs when it does not hold. Handlers receive the verified bytes.
 *
 * <p>A handler decorator rather than a routing {@code Filter}: the signature is over the raw body, and a Helidon
 * filter cannot hand a consumed entity on to the route.
 */
final class SlackRequestVerification {
    /** Slack's payloads are a few kilobytes; anything this large is not from Slack. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final System.Logger LOG = System.getLogger(SlackRequestVerification.class.getName());
    private static final HeaderName TIMESTAMP = HeaderNames.create(SlackSignatureVerifier.TIMESTAMP_HEADER);
    private static final HeaderName SIGNATURE = HeaderNames.create(SlackSignatureVerifier.SIGNATURE_HEADER);

    private final SlackSignatureVerifier verifier;

    SlackRequestVerification(SlackSignatureVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** What runs after a request passed verification. */
    @FunctionalInterface
    interface VerifiedHandler {
        void handle(ServerRequest request, ServerResponse response, byte[] body) throws Exception;
    }

    Handler verified(VerifiedHandler next) {
        return (request, response) -> {
            byte[] body;
            try (InputStream in = request.content().inputStream()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                response.status(Status.REQUEST_ENTITY_TOO_LARGE_413).send();
                return;
            }
            try {
                verifier.verify(
                        request.headers().first(TIMESTAMP).orElse(null),
                        request.headers().first(SIGNATURE).orElse(null),
                        body);
            } catch (InvalidSlackRequestException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "refused a Slack request on " + request.path().path() + ": " + e.getMessage());
                response.status(Status.UNAUTHORIZED_401).send();
                return;
            }
            try {
                next.handle(request, response, body);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }
}
