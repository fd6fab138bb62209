package io.revbot.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.ConversationStore;
import io.revbot.orchestrator.recording.FileFeedbackStore;
import io.revbot.server.access.Credentials;
import io.revbot.server.access.CredentialsFilter;
import io.revbot.server.access.FailedAuthLimiter;
import io.revbot.server.access.LoginService;
import io.revbot.server.config.NamedToken;
import io.revbot.server.http.RequestMetrics;
import io.revbot.server.http.Routes;
import io.revbot.tools.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage page and the v2 viewer in headless Chromium, signed in through the login form of a server that needs
 * credentials: every chart drawn by Chart.js (served by RevBot from its WebJar) with the figures of the runs this
 * test recorded, read back from the charts themselves and checked against the exported files; days in the browser's
 * time zone (the browser runs in Asia/Kolkata, UTC+5:30, so its days are not UTC's); no request leaving the machine
 * (every URL the page asked for, as the DevTools protocol reports it, is this server's) and no error logged (a CSP
 * violation would be one). Screenshots go to {@code target/usage-screenshot.png} and
 * {@code target/viewer-answer-screenshot.png}.
 */
class UsagePageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String VIEWER_TOKEN = "viewer-token-for-the-usage-page-01";
    private static final String ZONE = "Asia/Kolkata";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> CHARTS = List.of(
            "runs-per-day",
            "routing",
            "latency-agents",
            "latency-tools",
            "cost-per-day",
            "cost-per-agent",
            "cache-share",
            "negative-feedback");

    @TempDir
    static Path exports;

    @TempDir
    static Path profile;

    static WebServer server;
    static int recorded;
    static List<JsonNode[]> files;

    @BeforeAll
    static void start() throws Exception {
        boolean required = System.getenv("CI") != null || "1".equals(System.getenv("REVBOT_REQUIRE_DB"));
        if (required) {
            assertThat(CHROMIUM).as("apt-get install -y chromium").isExecutable();
        } else {
            assumeThat(Files.isExecutable(CHROMIUM))
                    .as("chromium is not installed")
                    .isTrue();
        }
        recorded = UsageRuns.writeTo(exports);
        files = UsageRuns.read(exports);
        Credentials credentials = new Credentials(List.of(), List.of(new NamedToken("ops", Secret.of(VIEWER_TOKEN))));
        FailedAuthLimiter limiter = new FailedAuthLimiter(100, Clock.systemUTC());
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> Routes.routing(
                        r,
                        new RequestMetrics(Metrics.globalRegistry()),
                        new CredentialsFilter(credentials, limiter, false, Clock.systemUTC()),
                        List.of(
                                new Routes.Mount(
                                        "/",
                                        new ConversationsService(
                                                new ConversationStore(exports, new FileFeedbackStore(exports)))),
                                new Routes.Mount("/", new LoginService(credentials, limiter, Clock.systemUTC())))))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theUsagePageChartsTheRecordedRunsWithNoRequestLeavingTheMachine() throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        try (HeadlessChromium browser = new HeadlessChromium(CHROMIUM, profile, ZONE)) {
            signIn(browser, base, "/conversations/usage");
            browser.await("String(document.body.dataset.loaded)", "true"::equals, WAIT);
            JsonNode charts = ConversationJson.MAPPER.readTree(
                    browser.evaluate(CHART_DATA).asText());

            for (String id : CHARTS) {
                assertThat(charts.path(id).isObject())
                        .as("chart " + id + " drawn")
                        .isTrue();
                assertThat(charts.path(id).path("painted").asInt())
                        .as("painted pixels of " + id)
                        .isGreaterThan(2_000);
            }
            Expected expected = Expected.from(files, ZoneId.of(ZONE));
            assertThat(recorded).isEqualTo(files.size()).isEqualTo(17);

            JsonNode runsPerDay = charts.get("runs-per-day");
            assertThat(strings(runsPerDay.get("labels"))).isEqualTo(expected.days);
            Map<String, List<Integer>> drawn = new TreeMap<>();
            for (JsonNode d : runsPerDay.get("datasets")) {
                drawn.put(d.get("label").asText(), ints(d.get("data")));
            }
            assertThat(drawn).isEqualTo(expected.runsPerDay);
            assertThat(drawn).containsKeys("slack · succeeded", "webhook · failed", "cli · succeeded");

            assertThat(series(charts.get("routing"), "specialist").get(indexOf(charts.get("routing"), "embedding")))
                    .isEqualTo(expected.routing.get("embedding|specialist"));
            assertThat(series(charts.get("routing"), "direct").get(indexOf(charts.get("routing"), "rules")))
                    .isEqualTo(expected.routing.get("rules|direct"));
            assertThat(sum(charts.get("routing"))).isEqualTo(17);

            JsonNode agents = charts.get("latency-agents");
            assertThat(strings(agents.get("labels")))
                    .containsExactlyInAnyOrderElementsOf(expected.agentDurations.keySet());
            assertThat(series(agents, "p95").get(indexOf(agents, "manager")))
                    .isEqualTo(nearestRank(expected.agentDurations.get("manager"), 95));
            assertThat(series(agents, "p50").get(indexOf(agents, "manager")))
                    .isEqualTo(nearestRank(expected.agentDurations.get("manager"), 50));
            JsonNode tools = charts.get("latency-tools");
            assertThat(series(tools, "p95").get(indexOf(tools, "run_sql")))
                    .isEqualTo(nearestRank(expected.toolDurations.get("run_sql"), 95));

            JsonNode costPerDay = charts.get("cost-per-day");
            assertThat(doubles(costPerDay, "cost (USD)").stream()
                            .mapToDouble(Double::doubleValue)
                            .sum())
                    .isCloseTo(expected.cost, within(1e-5));
            assertThat(series(costPerDay, "input tokens")).isEqualTo(expected.inputPerDay);
            JsonNode costPerAgent = charts.get("cost-per-agent");
            assertThat(doubles(costPerAgent, "cost (USD)").get(indexOf(costPerAgent, "deal_analysis")))
                    .isCloseTo(expected.agentCost.get("deal_analysis"), within(1e-6));

            List<Double> share = doubles(charts.get("cache-share"), "cache reads / input-side tokens");
            for (int i = 0; i < expected.days.size(); i++) {
                assertThat(share.get(i)).as(expected.days.get(i)).isCloseTo(expected.cacheShare.get(i), within(1e-4));
            }
            assertThat(share).anyMatch(v -> v > 0);

            List<Double> negative = doubles(charts.get("negative-feedback"), "negative / rated runs");
            assertThat(negative).hasSameSizeAs(expected.negativeRate);
            for (int i = 0; i < negative.size(); i++) {
                Double want = expected.negativeRate.get(i);
                if (want == null) {
                    assertThat(negative.get(i)).as(expected.days.get(i)).isNull();
                } else {
                    assertThat(negative.get(i)).as(expected.days.get(i)).isCloseTo(want, within(1e-4));
                }
            }
            assertThat(negative).contains(1.0).anyMatch(v -> v != null && v < 1.0);
            assertThat(browser.evaluate("document.getElementById('totals').textContent")
                            .asText())
                    .contains("17 runs")
                    .containsPattern("days in Asia/(Kolkata|Calcutta)") // ICU still names it Calcutta
                    .contains("2 of 5 rated runs negative (40 %)");

            assertThat(browser.requestedUrls())
                    .contains(base + "/conversations/lib/chart.umd.js")
                    .anyMatch(u -> u.startsWith(base + "/api/usage?"))
                    .allMatch(u -> u.startsWith(base + "/") || u.startsWith("data:"), "a request to this server");
            assertThat(browser.errors()).isEmpty();

            Path screenshot = Path.of("target", "usage-screenshot.png").toAbsolutePath();
            Files.write(screenshot, browser.screenshot(1400, 1500));
            assertThat(Files.size(screenshot)).isGreaterThan(20_000);
        }
    }

    @Test
    void theViewerRendersTheAnswerFromMarkdownMarksItsFiguresAndShowsRowsAsATable() throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        try (HeadlessChromium browser = new HeadlessChromium(CHROMIUM, profile.resolve("viewer"), ZONE)) {
            signIn(browser, base, "/conversations");
            browser.navigate(base + "/conversations#" + UsageRuns.MARKDOWN_RUN);
            browser.await("String(document.querySelector('[data-testid=answer]') !== null)", "true"::equals, WAIT);

            String answer = "document.querySelector('[data-testid=answer]')";
            assertThat(browser.evaluate(answer + ".querySelector('h2').textContent")
                            .asText())
                    .isEqualTo("Q4 pipeline");
            assertThat(browser.evaluate(answer + ".querySelectorAll('table td').length")
                            .asInt())
                    .isEqualTo(2);
            assertThat(browser.evaluate("[..." + answer
                                    + ".querySelectorAll('.figure.untraced')].map(e => e.textContent).join('|')")
                            .asText())
                    .isEqualTo("4.7x|$987,654");
            assertThat(browser.evaluate(answer + ".querySelector('.figure.traced').title")
                            .asText())
                    .isEqualTo("From run_sql (call t1)");
            assertThat(browser.evaluate(answer + ".querySelector('.figure.traced').textContent")
                            .asText())
                    .isEqualTo("$1,250,000");
            // The raw HTML is text, the javascript: link is not a link.
            assertThat(browser.evaluate(answer + ".querySelectorAll('b, script, img').length")
                            .asInt())
                    .isZero();
            assertThat(browser.evaluate(answer + ".textContent").asText()).contains("<b>we</b>");
            assertThat(browser.evaluate(answer + ".querySelectorAll('a').length")
                            .asInt())
                    .isZero();
            // The run_sql result as a table of its rows, the grounding of the run, times in the browser's zone.
            assertThat(browser.evaluate("[...document.querySelectorAll('[data-testid=result-rows] td')]"
                                    + ".map(e => e.textContent).join('|')")
                            .asText())
                    .isEqualTo("Negotiation|1250000|Proposal|480000");
            assertThat(browser.evaluate("document.querySelector('[data-testid=grounding]').textContent")
                            .asText())
                    .contains("3 figures, 1 traced to data")
                    .contains("Not traced: 4.7x, $987,654");
            // Started half an hour before the last whole hour UTC: on the hour in Kolkata (UTC+5:30).
            var started = UsageRuns.NOW.minus(Duration.ofMinutes(30)).atZone(ZoneId.of(ZONE));
            assertThat(browser.evaluate("document.querySelector('#detail time').textContent")
                            .asText())
                    .containsPattern(String.format(
                            "%02d:%02d|%02d:%02d:00\\s?%s",
                            started.getHour(),
                            started.getMinute(),
                            (started.getHour() + 11) % 12 + 1,
                            started.getMinute(),
                            started.getHour() < 12 ? "AM" : "PM"));
            Path screenshot = Path.of("target", "viewer-answer-screenshot.png").toAbsolutePath();
            Files.write(screenshot, browser.screenshot(1400, 1600));

            browser.navigate(base + "/conversations#run-200");
            browser.await(
                    "(document.querySelector('[data-testid=feedback]') || {}).textContent || ''",
                    v -> v.contains("negative"),
                    WAIT);
            assertThat(browser.requestedUrls()).allMatch(u -> u.startsWith(base + "/") || u.startsWith("data:"));
            assertThat(browser.errors()).isEmpty();
        }
    }

    private static void signIn(HeadlessChromium browser, String base, String page) throws Exception {
        browser.navigate(base + page);
        browser.await("location.pathname + '|' + document.readyState", "/login|complete"::equals, WAIT);
        browser.evaluate("document.getElementById('token').value = '" + VIEWER_TOKEN + "';"
                + " document.querySelector('form').submit(); true");
        browser.await("location.pathname + '|' + document.readyState", (page + "|complete")::equals, WAIT);
    }

    /** Each chart's labels and datasets as Chart.js holds them, and how many of its canvas pixels are painted. */
    private static final String CHART_DATA = "JSON.stringify(Object.fromEntries([...document.querySelectorAll("
            + "'canvas[data-chart]')].map(c => { const ch = Chart.getChart(c); if (!ch) return [c.id, null];"
            + " const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let painted = 0;"
            + " for (let i = 3; i < px.length; i += 4) if (px[i]) painted++;"
            + " return [c.id, { labels: ch.data.labels, painted,"
            + " datasets: ch.data.datasets.map(d => ({ label: d.label, data: d.data })) }]; })))";

    /** The figures each chart should show, computed from the exported files alone. */
    private static final class Expected {
        final List<String> days = new ArrayList<>();
        final Map<String, List<Integer>> runsPerDay = new TreeMap<>();
        final Map<String, Integer> routing = new HashMap<>();
        final Map<String, List<Long>> agentDurations = new TreeMap<>();
        final Map<String, List<Long>> toolDurations = new TreeMap<>();
        final Map<String, Double> agentCost = new HashMap<>();
        final List<Integer> inputPerDay = new ArrayList<>();
        final List<Double> cacheShare = new ArrayList<>();
        final List<Double> negativeRate = new ArrayList<>();
        double cost;

        static Expected from(List<JsonNode[]> files, ZoneId zone) {
            Expected e = new Expected();
            TreeMap<LocalDate, List<JsonNode[]>> byDay = new TreeMap<>();
            for (JsonNode[] f : files) {
                byDay.computeIfAbsent(LocalDate.ofInstant(UsageRuns.startedAt(f[0]), zone), k -> new ArrayList<>())
                        .add(f);
            }
            for (LocalDate d = byDay.firstKey(); !d.isAfter(byDay.lastKey()); d = d.plusDays(1)) {
                e.days.add(d.toString());
                List<JsonNode[]> day = byDay.getOrDefault(d, List.of());
                int i = e.days.size() - 1;
                long input = 0;
                long cacheRead = 0;
                long cacheWrite = 0;
                int rated = 0;
                int negative = 0;
                for (JsonNode[] f : day) {
                    JsonNode c = f[0].path("conversation");
                    String series = c.at("/metadata/channel").asText() + " · "
                            + c.at("/metadata/status").asText();
                    e.runsPerDay.computeIfAbsent(series, k -> new ArrayList<>());
                    JsonNode tokens = c.at("/conversation_summary/tokens");
                    input += tokens.path("input").asLong();
                    cacheRead += tokens.path("cache_read").asLong();
                    cacheWrite += tokens.path("cache_write").asLong();
                    String feedback =
                            UsageRuns.FEEDBACK.get(c.at("/metadata/run_id").asText());
                    if (feedback != null) {
                        rated++;
                        negative += feedback.equals("negative") ? 1 : 0;
                    }
                }
                e.inputPerDay.add((int) input);
                long inputSide = input + cacheRead + cacheWrite;
                e.cacheShare.add(inputSide == 0 ? 0.0 : cacheRead / (double) inputSide);
                e.negativeRate.add(rated == 0 ? null : negative / (double) rated);
            }
            for (JsonNode[] f : files) {
                JsonNode c = f[0].path("conversation");
                String series = c.at("/metadata/channel").asText() + " · "
                        + c.at("/metadata/status").asText();
                int day = e.days.indexOf(
                        LocalDate.ofInstant(UsageRuns.startedAt(f[0]), zone).toString());
                List<Integer> counts = e.runsPerDay.get(series);
                while (counts.size() < e.days.size()) {
                    counts.add(0);
                }
                counts.set(day, counts.get(day) + 1);
                JsonNode router = c.path("router");
                String key = router.isObject()
                        ? router.path("tier").asText() + "|"
                                + router.path("decision").asText()
                        : "none|not routed";
                e.routing.merge(key, 1, Integer::sum);
                e.cost += c.at("/conversation_summary/estimated_cost_usd").asDouble();
                for (JsonNode step : c.path("agent_flow")) {
                    e.agentDurations
                            .computeIfAbsent(step.path("agent").asText(), k -> new ArrayList<>())
                            .add(step.path("duration_ms").asLong());
                    e.agentCost.merge(
                            step.path("agent").asText(), step.path("cost_usd").asDouble(), Double::sum);
                    for (JsonNode t : step.path("tool_executions")) {
                        e.toolDurations
                                .computeIfAbsent(t.path("tool").asText(), k -> new ArrayList<>())
                                .add(t.path("duration_ms").asLong());
                    }
                }
            }
            return e;
        }
    }

    private static int nearestRank(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1))
                .intValue();
    }

    private static int indexOf(JsonNode chart, String label) {
        return strings(chart.get("labels")).indexOf(label);
    }

    private static List<Integer> series(JsonNode chart, String label) {
        for (JsonNode d : chart.get("datasets")) {
            if (d.get("label").asText().equals(label)) {
                return ints(d.get("data"));
            }
        }
        throw new AssertionError("no dataset " + label + " in " + chart);
    }

    private static List<Double> doubles(JsonNode chart, String label) {
        for (JsonNode d : chart.get("datasets")) {
            if (d.get("label").asText().equals(label)) {
                List<Double> out = new ArrayList<>();
                d.get("data").forEach(v -> out.add(v.isNull() ? null : v.asDouble()));
                return out;
            }
        }
        throw new AssertionError("no dataset " + label + " in " + chart);
    }

    private static int sum(JsonNode chart) {
        int total = 0;
        for (JsonNode d : chart.get("datasets")) {
            for (JsonNode v : d.get("data")) {
                total += v.asInt();
            }
        }
        return total;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asInt()));
        return out;
    }
}
