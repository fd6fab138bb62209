package io.revbot.server.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import io.revbot.tools.UpstreamException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@link Jobs} through the {@code /api/jobs} of the {@code serve} running on this {@code REVBOT_HOME} (embedded mode). */
public final class LocalServerJobs implements Jobs {
    private final LocalServer.Address server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public LocalServerJobs(LocalServer.Address server) {
        this.server = server;
    }

    @Override
    public List<JobView> list(JobView.Filter filter, int limit) {
        String query = "?limit=" + limit
                + (filter == null ? "" : "&state=" + filter.name().toLowerCase(Locale.ROOT));
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.url().resolve("/api/jobs/" + query))
                .GET());
        if (response.statusCode() != 200) {
            throw refused(response);
        }
        try {
            return JobView.MAPPER.readValue(response.body(), new TypeReference<List<JobView>>() {});
        } catch (IOException e) {
            throw new UpstreamException("revbot serve", "unreadable answer from " + server.url(), false, e);
        }
    }

    @Override
    public boolean retry(String id) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.url().resolve("/api/jobs/" + id + "/retry"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 404 || response.statusCode() == 400) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw refused(response);
        }
        return true;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(
                    request.header("Authorization", "Bearer " + server.token().reveal())
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UpstreamException(
                    "revbot serve",
                    "the server that wrote " + URI.create(server.url().toString()) + " into serve.json does not answer"
                            + " (is `revbot serve` still running?): " + e.getMessage(),
                    true,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("revbot serve", "interrupted", true, e);
        }
    }

    private UpstreamException refused(HttpResponse<String> response) {
        return new UpstreamException(
                "revbot serve",
                server.url() + " answered HTTP " + response.statusCode() + ": " + response.body(),
                false);
    }
}
