package io.revbot.bench.server;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * One kind of request the load driver sends: how to build the next request against a base URI, and which status
 * means it was accepted. Scenarios are listed in {@link ServerLoadBench#scenarios}.
 */
public interface LoadScenario {

    String name();

    /** The {@code n}th request, against the server at {@code base}. */
    HttpRequest request(URI base, long n);

    int acceptedStatus();
}
