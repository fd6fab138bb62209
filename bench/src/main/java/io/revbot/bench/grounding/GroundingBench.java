package io.revbot.bench.grounding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.TimeContext;
import io.revbot.orchestrator.grounding.CheckedFigure;
import io.revbot.orchestrator.grounding.EvidenceIndex;
import io.revbot.orchestrator.grounding.GroundingCheck;
import io.revbot.orchestrator.grounding.ToolOutput;
import io.revbot.server.Components;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import io.revbot.tools.time.FiscalCalendar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench/run grounding}: the grounding check's cost per answer. The tool results are real: the demo warehouse is
 * generated in a temporary home and RevBot's own tools answer ({@code deal_review}, {@code pipeline_forecast},
 * {@code churn_risk}, {@code run_sql} over 50 opportunities). The answer is 300 words in a writer's formats, quoting
 * those results ({@code $2.18M}, {@code 8.85x}, {@code Dec 31}, {@code 75 %}) with two invented figures. Measured side
 * by side in one run, medians of many repetitions after warm-up: indexing the run's tool results (once per run),
 * checking the answer against the index (once per answer), and both together; each is printed with its ratio to the
 * 1 ms target. A large run (the same results ×20, about 1.5 MB) shows how indexing scales and that checking does not.
 */
public final class GroundingBench {
    static final double TARGET_MICROS = 1_000;
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("revbot-bench-grounding");
        List<ToolOutput> outputs;
        try (Components components = new Components(
                Config.from(Settings.of(Map.of("REVBOT_HOME", home.toString(), "REVBOT_QUARTERLY_TARGET", "2.5M"))),
                Clock.systemUTC())) {
            var analytics = components.analyticsTools();
            outputs = List.of(
                    new ToolOutput(
                            "deal_review", "tooluse_1", analytics.dealReview("Vertex Analytics - Platform Migration")),
                    new ToolOutput("pipeline_forecast", "tooluse_2", analytics.pipelineForecast(null, null)),
                    new ToolOutput("churn_risk", "tooluse_3", analytics.churnRisk(null, 10)),
                    new ToolOutput(
                            "run_sql",
                            "tooluse_4",
                            components
                                    .warehouseTools()
                                    .runSql(
                                            "SELECT opportunity_name, stage_name, amount,"
                                                    + " probability, close_date FROM opportunity_d ORDER BY amount DESC LIMIT 50")));
        }
        String question = "How is the Vertex deal, what does this quarter look like, and who might churn?";
        String context = new TimeContext(Instant.now(), FiscalCalendar.calendarQuarters()).render(Channel.SLACK);
        String answer = answer(outputs);
        int chars = outputs.stream().mapToInt(o -> o.text().length()).sum();
        List<ToolOutput> large = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            outputs.forEach(o -> large.add(new ToolOutput(o.tool(), o.callId() + "-" + large.size(), o.text())));
        }
        Supplier<EvidenceIndex> index = () -> EvidenceIndex.builder()
                .addAll(outputs)
                .add(new ToolOutput(ToolOutput.QUESTION, null, question))
                .add(new ToolOutput(ToolOutput.RUN_CONTEXT, null, context))
                .build();
        EvidenceIndex built = index.get();
        EvidenceIndex largeIndex = EvidenceIndex.of(large);
        List<CheckedFigure> checked = GroundingCheck.check(answer, built);

        System.out.printf(
                Locale.ROOT,
                "tool results: %d calls, %,d characters, %,d numbers indexed%n",
                outputs.size(),
                chars,
                built.size());
        if (args.length > 0 && args[0].equals("--print-answer")) {
            System.out.println(answer);
        }
        System.out.printf(
                Locale.ROOT,
                "answer: %d words, %d figures, %d traced, untraced %s%n",
                answer.split("\\s+").length,
                checked.size(),
                checked.stream().filter(CheckedFigure::traced).count(),
                checked.stream()
                        .filter(f -> !f.traced())
                        .map(f -> f.figure().text())
                        .toList());

        for (int warm = 0; warm < 3_000; warm++) {
            GroundingCheck.check(answer, index.get());
        }
        double indexMicros = median(2_000, () -> index.get());
        double checkMicros = median(5_000, () -> GroundingCheck.check(answer, built));
        double bothMicros = median(2_000, () -> GroundingCheck.check(answer, index.get()));
        double largeIndexMicros = median(50, () -> EvidenceIndex.of(large));
        double largeCheckMicros = median(2_000, () -> GroundingCheck.check(answer, largeIndex));

        System.out.println();
        System.out.printf(Locale.ROOT, "%-52s %10s %14s%n", "median per", "µs", "of 1 ms target");
        row("index the run's tool results (once per run)", indexMicros);
        row("check one 300-word answer against the index", checkMicros);
        row("index + check (the step, per answer)", bothMicros);
        row(String.format(Locale.ROOT, "index %,d chars (x20 results, once per run)", chars * 20), largeIndexMicros);
        row("check the same answer against that index", largeCheckMicros);
        System.out.printf(
                Locale.ROOT,
                "%nindexing: %.2f µs per KB of tool results; check vs target: %.3f (< 1 passes)%n",
                indexMicros / (chars / 1000.0),
                bothMicros / TARGET_MICROS);
    }

    private static void row(String what, double micros) {
        System.out.printf(Locale.ROOT, "%-52s %10.1f %14.3f%n", what, micros, micros / TARGET_MICROS);
    }

    private static double median(int repetitions, Supplier<?> work) {
        double[] micros = new double[repetitions];
        Object sink = null;
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            sink = work.get();
            micros[i] = (System.nanoTime() - start) / 1_000.0;
        }
        if (sink == null) {
            throw new IllegalStateException("nothing measured");
        }
        Arrays.sort(micros);
        return micros[repetitions / 2];
    }

    /** About 300 words quoting the results as a writer would, with two figures no tool returned. */
    static String answer(List<ToolOutput> outputs) throws Exception {
        JsonNode deal = JSON.readTree(outputs.get(0).text()).path("deal");
        JsonNode review = JSON.readTree(outputs.get(0).text());
        JsonNode forecast = JSON.readTree(outputs.get(1).text());
        JsonNode totals = forecast.path("totals");
        JsonNode target = forecast.path("target");
        JsonNode churn = JSON.readTree(outputs.get(2).text());
        JsonNode riskiest = churn.path("commitCustomers").path(0);
        JsonNode second = churn.path("plgCustomers").path(0);
        JsonNode slip = forecast.path("slipping").path(0);
        return String.format(
                Locale.ROOT,
                """
                ## Vertex Analytics - Platform Migration

                **%s** sits in %s with a CRM probability of %d%%, but the evidence supports only %d%%: \
                the MEDDPICC score is %.2f and the economic buyer never joined any of the %d calls. \
                TCV is $%,.0f over %d months (ACV $%s); it is due to close on %s, %d days from now, \
                after %d days in stage against a median of %d.

                - Risks: no technical validation, no pricing discussed, Redshift named on every call.
                - Next step: get the economic buyer on a call before the close date.

                ## This quarter (%s)

                Open pipeline is $%s across %d deals, weighted $%s. Closed-won to date is $%s from %d deals, \
                so $%s remains against the $%s target and coverage of the remainder is %.2fx. Commit holds \
                $%s in %d deals; best case $%s. The projection is $%s, about $%s above target.

                The biggest slipping deal is %s at $%s, due %s. Pipeline coverage is 4.7x on the team's own \
                count and they expect to book $987,654 by Friday.

                | Slipping deal | Amount | Close date | Days in stage |
                |---|---|---|---|
                | %s | $%s | %s | %d |
                | %s | $%s | %s | %d |
                | %s | $%s | %s | %d |

                ## Churn

                %s is the riskiest commit customer at %s, %s the riskiest PLG one at %s. Usage trends and renewal dates are in the \
                table the data agent returned; both accounts renew within the next two quarters and deserve an \
                executive check-in this month, with a success plan reviewed against their original goals and \
                a clear owner for each open issue before the renewal conversation starts in earnest.
                """,
                deal.path("name").asText(),
                deal.path("stage").asText(),
                deal.path("crmProbability").asInt(),
                review.path("probability").path("evidenceAdjusted").asInt(),
                review.path("meddpiccScore").asDouble(),
                review.path("calls").path("total").asInt(),
                deal.path("tcv").asDouble(),
                deal.path("contractMonths").asInt(),
                thousands(deal.path("acv").asDouble()),
                monthDay(deal.path("closeDate").asText()),
                deal.path("daysToClose").asInt(),
                deal.path("daysInStage").asInt(),
                deal.path("stageMedianDays").asInt(),
                forecast.path("quarter").asText(),
                millions(totals.path("openAmount").asDouble()),
                totals.path("openDeals").asInt(),
                millions(totals.path("weightedAmount").asDouble()),
                millions(totals.path("closedWonToDate").asDouble()),
                totals.path("wonDeals").asInt(),
                thousands(target.path("remaining").asDouble()),
                millions(target.path("target").asDouble()),
                target.path("coverage").asDouble(),
                millions(forecast.path("categories").path(0).path("amount").asDouble()),
                forecast.path("categories").path(0).path("deals").asInt(),
                millions(forecast.path("categories").path(1).path("amount").asDouble()),
                millions(target.path("projected").asDouble()),
                millions(Math.abs(target.path("projectedGap").asDouble())),
                slip.path("name").asText(),
                thousands(slip.path("amount").asDouble()),
                monthDay(slip.path("closeDate").asText()),
                forecast.path("slipping").path(1).path("name").asText(),
                thousands(forecast.path("slipping").path(1).path("amount").asDouble()),
                forecast.path("slipping").path(1).path("closeDate").asText(),
                forecast.path("slipping").path(1).path("daysInStage").asInt(),
                forecast.path("slipping").path(2).path("name").asText(),
                thousands(forecast.path("slipping").path(2).path("amount").asDouble()),
                forecast.path("slipping").path(2).path("closeDate").asText(),
                forecast.path("slipping").path(2).path("daysInStage").asInt(),
                forecast.path("slipping").path(3).path("name").asText(),
                thousands(forecast.path("slipping").path(3).path("amount").asDouble()),
                forecast.path("slipping").path(3).path("closeDate").asText(),
                forecast.path("slipping").path(3).path("daysInStage").asInt(),
                riskiest.path("accountName").asText(),
                riskiest.path("score").asInt() + "/100",
                second.path("accountName").asText(),
                second.path("score").asInt() + "/100");
    }

    private static String millions(double amount) {
        return String.format(Locale.ROOT, "%.2fM", amount / 1e6);
    }

    private static String thousands(double amount) {
        return String.format(Locale.ROOT, "%.0fK", amount / 1e3);
    }

    private static String monthDay(String isoDate) {
        java.time.LocalDate date = java.time.LocalDate.parse(isoDate);
        return date.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + " "
                + date.getDayOfMonth();
    }
}
