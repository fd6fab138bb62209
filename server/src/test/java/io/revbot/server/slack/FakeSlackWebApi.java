package io.revbot.server.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Slack's Web API as a MockWebServer on loopback: answers {@code chat.postMessage}, {@code chat.update},
 * {@code chat.postEphemeral}, {@code auth.test}, {@code bots.info} and {@code usergroups.users.list}, and the agent
 * methods ({@code agents.sessions.setStatus}, {@code chat.startStream} / {@code appendStream} / {@code stopStream},
 * {@code assistant.threads.setSuggestedPrompts}), with the documented response shapes (fixtures under
 * {@code web-api/}) and records every call RevBot makes, form parameters decoded, so tests assert on what was sent.
 * {@link #refuseAgentMethods()} plays a workspace whose app is not declared as an agent ({@code not_authorized}).
 */
final class FakeSlackWebApi implements AutoCloseable {
    /** One Web API call as Slack received it. */
    record Call(String method, Map<String, String> params, String authorization, long atNanos) {
        String param(String name) {
            return params.get(name);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextTs = new AtomicInteger(1);
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private final java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.Set<String> AGENT_METHODS = java.util.Set.of(
            "agents.sessions.setStatus",
            "chat.startStream",
            "chat.appendStream",
            "chat.stopStream",
            "assistant.threads.setSuggestedPrompts");
    private volatile okhttp3.WebSocketListener socketMode;
    private final Map<String, List<String>> usergroups = new java.util.concurrent.ConcurrentHashMap<>();

    FakeSlackWebApi() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** What {@code REVBOT_SLACK_API_URL} is set to. */
    URI apiUrl() {
        return server.url("/api/").uri();
    }

    /** Answers the next {@code n} calls with HTTP 429 and {@code Retry-After: 1}. */
    void rateLimitNext(int n) {
        rateLimitNext.set(n);
    }

    /** Answers every agent method with {@code not_authorized}, as for an app not declared as an agent. */
    void refuseAgentMethods() {
        refused.addAll(AGENT_METHODS);
    }

    /** Answers these methods with {@code not_authorized}. */
    void refuse(String... methods) {
        refused.addAll(List.of(methods));
    }

    /** Serves Socket Mode: {@code apps.connections.open} hands out a ws:// URL that this listener answers. */
    void socketMode(okhttp3.WebSocketListener listener) {
        this.socketMode = listener;
    }

    /** {@code usergroups.users.list} answers these members for {@code group} (else the fixture's). */
    void usergroup(String group, List<String> members) {
        usergroups.put(group, List.copyOf(members));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    List<Call> calls(Predicate<Call> filter) {
        return calls.stream().filter(filter).toList();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.startsWith("/link") && socketMode != null) {
            return new MockResponse.Builder().webSocketUpgrade(socketMode).build();
        }
        String method = path.substring(path.lastIndexOf('/') + 1);
        Map<String, String> params =
                form(request.getBody() == null ? "" : request.getBody().utf8());
        calls.add(new Call(method, params, request.getHeaders().get("Authorization"), System.nanoTime()));
        if (rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new MockResponse.Builder()
                    .code(429)
                    .addHeader("Retry-After", "1")
                    .addHeader("Content-Type", "application/json; charset=utf-8")
                    .body(fixture("ratelimited.json"))
                    .build();
        }
        if (refused.contains(method)) {
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "application/json; charset=utf-8")
                    .body(fixture("not_authorized.json"))
                    .build();
        }
        JsonObject body = JsonParser.parseString(fixture(method + ".json")).getAsJsonObject();
        switch (method) {
            case "chat.startStream" -> {
                String ts = "1700000000." + String.format("%06d", nextTs.getAndIncrement());
                body.addProperty("channel", params.get("channel"));
                body.addProperty("ts", ts);
            }
            case "chat.appendStream", "chat.stopStream" -> {
                body.addProperty("channel", params.get("channel"));
                body.addProperty("ts", params.get("ts"));
            }
            case "chat.postMessage" -> {
                String ts = "1700000000." + String.format("%06d", nextTs.getAndIncrement());
                body.addProperty("channel", params.get("channel"));
                body.addProperty("ts", ts);
                body.getAsJsonObject("message").addProperty("ts", ts);
                body.getAsJsonObject("message").addProperty("text", params.get("text"));
            }
            case "apps.connections.open" -> {
                String ws = server.url("/link/")
                        .newBuilder()
                        .addQueryParameter("ticket", "e5f4d3c2-0000-4b1a-9f00-123456789abc")
                        .addQueryParameter("app_id", "A123ABC456")
                        .build()
                        .toString()
                        .replaceFirst("^http", "ws");
                body.addProperty("url", ws);
            }
            case "usergroups.users.list" -> {
                List<String> members = usergroups.get(params.get("usergroup"));
                if (members != null) {
                    com.google.gson.JsonArray users = new com.google.gson.JsonArray();
                    members.forEach(users::add);
                    body.add("users", users);
                }
            }
            case "chat.update" -> {
                body.addProperty("channel", params.get("channel"));
                body.addProperty("ts", params.get("ts"));
                body.addProperty("text", params.get("text"));
            }
            default -> {}
        }
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json; charset=utf-8")
                .body(body.toString())
                .build();
    }

    static String fixture(String name) {
        try (InputStream in = FakeSlackWebApi.class.getResourceAsStream("web-api/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture web-api/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static List<String> methods(List<Call> calls) {
        List<String> out = new ArrayList<>();
        calls.forEach(c -> out.add(c.method()));
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
