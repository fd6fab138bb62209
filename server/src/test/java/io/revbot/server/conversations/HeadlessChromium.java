package io.revbot.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol (a WebSocket of JSON commands), so a test can do what a
 * person does in a browser: open a page, type into a form, submit it, and read what the page and its cookie jar then
 * hold. Only the handful of protocol methods the viewer's tests need: {@code Page.navigate},
 * {@code Runtime.evaluate}, {@code Network.getCookies}, {@code Page.captureScreenshot}; and the events of every request
 * the page sends ({@code Network.requestWillBeSent}) and every error it logs ({@code Log.entryAdded},
 * {@code Runtime.exceptionThrown}: a CSP violation is one), so a test can prove where a page's requests went.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    HeadlessChromium(Path chromium, Path profile) throws Exception {
        this(chromium, profile, null);
    }

    /** A browser whose clock reads {@code timeZone} (an IANA id), as a person's would there; null: the machine's. */
    HeadlessChromium(Path chromium, Path profile, String timeZone) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--remote-allow-origins=*",
                        "--user-data-dir=" + profile,
                        "about:blank"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (timeZone != null) {
            builder.environment().put("TZ", timeZone);
        }
        process = builder.start();
        URI browser = devToolsUrl();
        URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
        JsonNode targets = awaitPageTarget(list);
        page = http.newWebSocketBuilder()
                .buildAsync(URI.create(targets.get("webSocketDebuggerUrl").asText()), new Listener())
                .get(30, TimeUnit.SECONDS);
        send("Page.enable", JSON.createObjectNode());
        send("Network.enable", JSON.createObjectNode());
        send("Log.enable", JSON.createObjectNode());
        send("Runtime.enable", JSON.createObjectNode());
    }

    /** Every URL the page asked for since the browser started, in order (documents, scripts, fetches, images…). */
    List<String> requestedUrls() {
        return List.copyOf(requested);
    }

    /** Errors the page logged or threw (CSP violations, failed loads, uncaught exceptions). */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /** A PNG of the page as laid out in a {@code width}×{@code height} viewport. */
    byte[] screenshot(int width, int height) throws Exception {
        send(
                "Emulation.setDeviceMetricsOverride",
                JSON.createObjectNode()
                        .put("width", width)
                        .put("height", height)
                        .put("deviceScaleFactor", 1)
                        .put("mobile", false));
        JsonNode shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        return java.util.Base64.getDecoder().decode(shot.path("data").asText());
    }

    private void event(JsonNode message) {
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Network.requestWillBeSent" ->
                requested.add(params.at("/request/url").asText());
            case "Log.entryAdded" -> {
                if ("error".equals(params.at("/entry/level").asText())) {
                    errors.add(params.at("/entry/source").asText() + ": "
                            + params.at("/entry/text").asText() + " "
                            + params.at("/entry/url").asText(""));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
            default -> {}
        }
    }

    /** Opens {@code url} in the page (returns once navigation started; use {@link #await} for what must follow). */
    void navigate(String url) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        send("Page.navigate", params);
    }

    /** Evaluates a JavaScript expression in the page; returns its value (strings, numbers, booleans). */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params =
                JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
        JsonNode result = send("Runtime.evaluate", params);
        return result.path("result").path("value");
    }

    /** Re-evaluates {@code expression} until {@code done} holds for its value (pages load and fetch asynchronously). */
    String await(String expression, Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = evaluate(expression).asText();
                if (done.test(last)) {
                    return last;
                }
            } catch (IllegalStateException navigating) {
                last = navigating.getMessage(); // the context was replaced mid-evaluation
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page never got there; " + expression + " was: " + last);
    }

    /** The browser's cookies for the page's URLs, as the protocol describes them (name, httpOnly, secure, sameSite…). */
    List<JsonNode> cookies() throws Exception {
        JsonNode result = send("Network.getCookies", JSON.createObjectNode());
        return JSON.convertValue(
                result.path("cookies"), JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
    }

    private JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        page.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode response = answer.get(30, TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new IllegalStateException(method + ": " + response.get("error"));
        }
        if (response.path("result").has("exceptionDetails")) {
            throw new IllegalStateException(
                    method + ": " + response.path("result").get("exceptionDetails"));
        }
        return response.path("result");
    }

    private URI devToolsUrl() throws IOException {
        BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> drain(err)); // keep reading so chromium never blocks on stderr
                return URI.create(m.group(1));
            }
        }
        throw new IllegalStateException("chromium exited before listening:\n" + seen);
    }

    private JsonNode awaitPageTarget(URI list) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode targets =
                    JSON.readTree(http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString())
                            .body());
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    return target;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromium has no page target at " + list);
    }

    private static void drain(BufferedReader err) {
        try {
            while (err.readLine() != null) {
                // discard
            }
        } catch (IOException closed) {
            // the process ended
        }
    }

    /** Routes protocol answers to the command that waits for them, and events to {@link #event}. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> waiting =
                                pending.remove(message.get("id").asInt());
                        if (waiting != null) {
                            waiting.complete(message);
                        }
                    } else if (message.has("method")) {
                        event(message);
                    }
                } catch (IOException e) {
                    // not JSON: not a protocol message
                } finally {
                    partial.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        page.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
