package io.revbot.tools.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.tools.analytics.CallEvidence.Topic;
import io.revbot.tools.analytics.ChurnModel.Component;
import io.revbot.tools.analytics.ChurnModel.CustomerType;
import io.revbot.tools.analytics.ChurnModel.Steps;
import io.revbot.tools.analytics.ConsumptionRules.Trend;
import io.revbot.tools.analytics.IcpModel.Criterion;
import io.revbot.tools.analytics.IcpModel.Level;
import io.revbot.tools.analytics.IcpModel.Range;
import io.revbot.tools.analytics.Meddpicc.Element;
import io.revbot.tools.analytics.Meddpicc.Status;
import io.revbot.tools.analytics.SalesProcess.ExitCriteria;
import io.revbot.tools.analytics.SalesProcess.Stage;
import io.revbot.tools.analytics.SalesProcess.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The numeric rules in {@code knowledge_base/} and the constants in code are the same rules. */
class KnowledgeBaseParityTest {
    static final MarkdownTables SALES = MarkdownTables.read("business_logic/sales_process.md");
    static final MarkdownTables CHURN = MarkdownTables.read("business_logic/churn_risk.md");
    static final MarkdownTables CONSUMPTION = MarkdownTables.read("business_logic/consumption_health.md");
    static final MarkdownTables CLASSES = MarkdownTables.read("business_logic/customer_classification.md");
    static final MarkdownTables REGIONS = MarkdownTables.read("business_logic/regions.md");
    static final MarkdownTables ICP = MarkdownTables.read("icp_and_messaging/ideal_customer_profile.md");

    static String track(Track t) {
        return t == Track.RENEWAL ? "renewal" : "new business";
    }

    static Map<String, String> rules(MarkdownTables doc) {
        Map<String, String> m = new LinkedHashMap<>();
        doc.rows("rule", "value").forEach(r -> m.put(r.get(0), r.get(1)));
        return m;
    }

    static List<String> list(String commaSeparated) {
        return commaSeparated.isBlank()
                ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
    }

    @Test
    void stagesProbabilitiesAndForecastCategoriesMatch() {
        List<List<String>> expected = new ArrayList<>();
        for (Track t : Track.values()) {
            for (Stage s : SalesProcess.stages(t)) {
                expected.add(List.of(track(t), s.name(), Integer.toString(s.probability())));
            }
        }
        assertThat(SALES.rows("track", "stage", "crm probability")).isEqualTo(expected);
        assertThat(SALES.rows("forecast category", "minimum probability"))
                .isEqualTo(Arrays.stream(SalesProcess.ForecastCategory.values())
                        .map(c -> List.of(c.label(), Integer.toString(c.minimumProbability())))
                        .toList());
        assertThat(SALES.rows("opportunity type", "track"))
                .isEqualTo(SalesProcess.OPPORTUNITY_TYPES.stream()
                        .map(t -> List.of(t, track(Track.of(t))))
                        .toList());
    }

    @Test
    void meddpiccColumnsWeightsExitCriteriaAndCallTopicsMatch() {
        assertThat(SALES.rows("element", "crm text column", "crm status column"))
                .isEqualTo(Arrays.stream(Element.values())
                        .map(e -> List.of(e.label(), e.column(), e.statusColumn()))
                        .toList());
        for (List<String> row : SALES.rows("status", "weight")) {
            assertThat(Status.valueOf(row.get(0).toUpperCase(Locale.ROOT)).weight())
                    .isEqualTo(Double.parseDouble(row.get(1)));
        }
        List<List<String>> elements = new ArrayList<>();
        List<List<String>> topics = new ArrayList<>();
        for (Track t : Track.values()) {
            for (Stage s : SalesProcess.stages(t)) {
                ExitCriteria exit = SalesProcess.exitCriteria(t).get(s.name());
                if (exit == null) {
                    continue;
                }
                exit.elements()
                        .forEach((e, min) -> elements.add(List.of(track(t), s.name(), e.label(), min.toString())));
                exit.callTopics().forEach(topic -> topics.add(List.of(track(t), s.name(), topic.label())));
            }
        }
        assertThat(SALES.rows("track", "stage to leave", "element", "minimum status"))
                .containsExactlyInAnyOrderElementsOf(elements);
        assertThat(SALES.rows("track", "stage to leave", "call topic")).containsExactlyInAnyOrderElementsOf(topics);
        assertThat(SALES.rows("topic", "phrases"))
                .isEqualTo(Arrays.stream(Topic.values())
                        .map(t -> List.of(t.label(), String.join(", ", t.phrases())))
                        .toList());
        Map<String, String> rules = rules(SALES);
        assertThat(rules.get("champion active within days"))
                .isEqualTo(Integer.toString(MeddpiccScorecard.CHAMPION_ACTIVE_DAYS));
        assertThat(rules.get("quiet deal after days without a call"))
                .isEqualTo(Integer.toString(DealFindings.QUIET_DAYS));
    }

    @Test
    void churnWeightsBandsAndStepTablesMatch() {
        Map<CustomerType, Map<Component, Integer>> weights = new LinkedHashMap<>();
        for (List<String> row : CHURN.rows("customer type", "component", "weight %")) {
            CustomerType type = CustomerType.ofCrm(row.get(0));
            Component c = Arrays.stream(Component.values())
                    .filter(x -> x.label().equals(row.get(1)))
                    .findFirst()
                    .orElseThrow();
            weights.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(c, Integer.parseInt(row.get(2)));
        }
        assertThat(weights).isEqualTo(ChurnModel.WEIGHTS);
        List<List<String>> bands = CHURN.rows("band", "score from", "score to", "intervention");
        int from = 0;
        for (int i = 0; i < ChurnModel.Band.values().length; i++) {
            ChurnModel.Band b = ChurnModel.Band.values()[i];
            assertThat(bands.get(i).subList(0, 3))
                    .isEqualTo(List.of(label(b.name()), Integer.toString(from), Integer.toString(b.upTo())));
            from = b.upTo() + 1;
        }
        for (List<String> row : CHURN.rows("usage trend", "risk")) {
            int risk = Integer.parseInt(row.get(1));
            if (row.get(0).equals("major decline")) {
                assertThat(risk).isEqualTo(ChurnModel.MAJOR_DECLINE_RISK);
            } else {
                assertThat(ChurnModel.USAGE_RISK.get(Trend.valueOf(
                                row.get(0).toUpperCase(Locale.ROOT).replace(' ', '_'))))
                        .isEqualTo(risk);
            }
        }
        Map<String, Steps> steps = Map.of(
                "Engagement", ChurnModel.ENGAGEMENT_DAYS_SINCE_CALL,
                "Business", ChurnModel.BUSINESS_UTILISATION,
                "Contract", ChurnModel.CONTRACT_DAYS_TO_RENEWAL,
                "Implementation", ChurnModel.IMPLEMENTATION_ACTIVE_DAYS,
                "Team", ChurnModel.TEAM_CONTACTS);
        Map<String, List<List<String>>> documented = new LinkedHashMap<>();
        for (List<String> row : CHURN.rows("component", "measure", "comparison", "bound", "risk")) {
            documented.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(row);
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(steps.keySet());
        steps.forEach((component, s) -> {
            List<List<String>> expected = new ArrayList<>();
            for (int i = 0; i < s.bounds().size(); i++) {
                expected.add(List.of(
                        s.atMost() ? "at most" : "at least",
                        number(s.bounds().get(i)),
                        s.risks().get(i).toString()));
            }
            expected.add(List.of("otherwise", "", Integer.toString(s.otherwise())));
            assertThat(documented.get(component).stream()
                            .map(r -> r.subList(2, 5))
                            .toList())
                    .as(component)
                    .isEqualTo(expected);
        });
        Map<String, String> rules = rules(CHURN);
        assertThat(rules.get("business risk added when a competitor was named on a call in the last 90 days"))
                .isEqualTo(Integer.toString(ChurnModel.COMPETITOR_MENTION_RISK));
        assertThat(rules.get("contract risk without an active agreement"))
                .isEqualTo(Integer.toString(ChurnModel.NO_AGREEMENT_RISK));
    }

    @Test
    void consumptionAndClassificationThresholdsMatch() {
        Map<String, String> rules = rules(CONSUMPTION);
        assertThat(rules).containsEntry("recent window days", "30").hasSize(8);
        assertThat(Integer.parseInt(rules.get("recent window days"))).isEqualTo(ConsumptionRules.RECENT_DAYS);
        assertThat(Integer.parseInt(rules.get("baseline window days"))).isEqualTo(ConsumptionRules.BASELINE_DAYS);
        assertThat(Double.parseDouble(rules.get("declining when 30-day × 3 is below 90-day ×")))
                .isEqualTo(ConsumptionRules.DECLINE_FACTOR);
        assertThat(Double.parseDouble(rules.get("growing when 30-day × 3 is above 90-day ×")))
                .isEqualTo(ConsumptionRules.GROWTH_FACTOR);
        assertThat(Double.parseDouble(rules.get("major decline when 30-day × 3 is below 90-day ×")))
                .isEqualTo(ConsumptionRules.MAJOR_DECLINE_FACTOR);
        assertThat(Integer.parseInt(rules.get("inactive after days without usage")))
                .isEqualTo(ConsumptionRules.INACTIVE_DAYS);
        assertThat(Integer.parseInt(rules.get("spike window days"))).isEqualTo(ConsumptionRules.SPIKE_DAYS);
        assertThat(Double.parseDouble(rules.get("spike when the 7-day daily rate exceeds the 90-day daily rate ×")))
                .isEqualTo(ConsumptionRules.SPIKE_FACTOR);

        Map<String, String> progression = rules(CLASSES);
        assertThat(Double.parseDouble(progression.get("PLG conversion: minimum monthly billing (USD)")))
                .isEqualTo(ConsumptionRules.PLG_CONVERSION_MONTHLY_USD);
        assertThat(Integer.parseInt(progression.get("PLG conversion: consecutive complete months")))
                .isEqualTo(ConsumptionRules.PLG_CONVERSION_MONTHS);
        assertThat(Integer.parseInt(progression.get("PLG conversion: minimum active days")))
                .isEqualTo(ConsumptionRules.PLG_CONVERSION_ACTIVE_DAYS);
        assertThat(Integer.parseInt(progression.get("PLG conversion: active-day window (days)")))
                .isEqualTo(ConsumptionRules.PLG_CONVERSION_WINDOW_DAYS);
        assertThat(Double.parseDouble(progression.get("commit expansion: consumption above contracted rate ×")))
                .isEqualTo(ConsumptionRules.EXPANSION_CONTRACT_RATIO);
        assertThat(CLASSES.rows("velocity tier", "monthly billing from (USD)"))
                .isEqualTo(Arrays.stream(ConsumptionRules.VelocityTier.values())
                        .map(t -> List.of(t.label(), number(t.minimumMonthlyUsd())))
                        .toList());
        assertThat(CLASSES.rows("customer type", "sf_account_type_custom", "definition").stream()
                        .map(r -> r.get(1))
                        .filter(v -> !v.equals("(null)"))
                        .toList())
                .containsExactly(CustomerType.COMMIT.crmValue(), CustomerType.PLG.crmValue());
        assertThat(REGIONS.rows("region", "name", "example countries (billing_country)").stream()
                        .map(r -> r.get(0))
                        .toList())
                .isEqualTo(SalesProcess.REGIONS);
    }

    @Test
    void icpWeightsCriteriaBandsAndPrioritiesMatch() {
        assertThat(ICP.rows("part", "weight"))
                .isEqualTo(List.of(
                        List.of("company fit", number(IcpModel.COMPANY_WEIGHT)),
                        List.of("technical fit", number(IcpModel.TECHNICAL_WEIGHT)),
                        List.of("business fit", number(IcpModel.BUSINESS_WEIGHT))));
        assertThat(ICP.rows("industry result", "points"))
                .isEqualTo(List.of(
                        List.of("in scope", Integer.toString(IcpModel.INDUSTRY_IN)),
                        List.of("neither in nor out of scope", Integer.toString(IcpModel.INDUSTRY_OTHER)),
                        List.of("out of scope", Integer.toString(IcpModel.INDUSTRY_OUT)),
                        List.of("unknown", Integer.toString(IcpModel.INDUSTRY_UNKNOWN))));
        List<List<String>> industries = new ArrayList<>();
        IcpModel.INDUSTRIES_IN_SCOPE.forEach(i -> industries.add(List.of(i, "in")));
        IcpModel.INDUSTRIES_OUT_OF_SCOPE.forEach(i -> industries.add(List.of(i, "out")));
        assertThat(ICP.rows("industry word", "scope")).isEqualTo(industries);
        assertThat(ICP.rows("employees from", "employees to", "points", "label"))
                .isEqualTo(ranges(IcpModel.EMPLOYEES, IcpModel.EMPLOYEES_UNKNOWN, true));
        assertThat(ICP.rows("revenue from (USD)", "revenue to (USD)", "points"))
                .isEqualTo(ranges(IcpModel.REVENUE, IcpModel.REVENUE_UNKNOWN, false));
        List<List<String>> technical = new ArrayList<>();
        for (Criterion c : List.of(IcpModel.CLOUD, IcpModel.USE_CASE, IcpModel.SCALE, IcpModel.STACK)) {
            for (Level l : c.levels()) {
                technical.add(
                        List.of(c.name(), l.label(), Integer.toString(l.points()), String.join(", ", l.phrases())));
            }
            technical.add(List.of(c.name(), "unknown", Integer.toString(c.unknownPoints()), ""));
        }
        assertThat(ICP.rows("criterion", "level", "points", "phrases")).isEqualTo(technical);
        assertThat(ICP.rows("title tier", "points", "who").stream()
                        .map(r -> r.subList(0, 2))
                        .toList())
                .isEqualTo(Arrays.stream(IcpModel.TitleTier.values())
                        .map(t -> List.of(t.label(), Integer.toString(t.points())))
                        .toList());
        assertThat(ICP.rows("title word list", "words").stream()
                        .map(r -> list(r.get(1)))
                        .toList())
                .isEqualTo(List.of(
                        IcpModel.TIER_1_ALWAYS,
                        IcpModel.SENIOR,
                        IcpModel.LEADER,
                        IcpModel.PRACTITIONER,
                        IcpModel.TECHNICAL_DOMAIN));
        assertThat(ICP.rows("calls from", "calls to", "points"))
                .isEqualTo(IcpModel.CALLS.stream()
                        .map(r -> List.of(
                                number(r.min()), r.max() == null ? "" : number(r.max()), Integer.toString(r.points())))
                        .toList());
        assertThat(ICP.rows("lead source", "points"))
                .isEqualTo(IcpModel.LEAD_SOURCES.stream()
                        .map(l -> List.of(l.label(), Integer.toString(l.points())))
                        .toList());
        assertThat(ICP.rows("band", "score from"))
                .isEqualTo(Arrays.stream(IcpModel.Band.values())
                        .map(b -> List.of(b.label(), Integer.toString(b.minimum())))
                        .toList());
        List<List<String>> priorities = ICP.rows("priority", "bands", "playbook");
        for (IcpModel.Priority p : IcpModel.Priority.values()) {
            List<String> row = priorities.get(p.ordinal());
            assertThat(row.get(0)).isEqualTo(p.name());
            assertThat(list(row.get(1)))
                    .isEqualTo(Arrays.stream(IcpModel.Band.values())
                            .filter(b -> IcpModel.Priority.of(b) == p)
                            .map(IcpModel.Band::label)
                            .toList());
            assertThat(row.get(2)).isEqualTo(p.playbook());
        }
        assertThat(ICP.rows("confidence", "completeness from"))
                .isEqualTo(Arrays.stream(IcpModel.Confidence.values())
                        .map(c -> List.of(label(c.name()), number(c.minimumCompleteness())))
                        .toList());
    }

    private static List<List<String>> ranges(List<Range> ranges, int unknown, boolean withLabel) {
        List<List<String>> rows = new ArrayList<>();
        for (Range r : ranges) {
            List<String> row = new ArrayList<>(
                    List.of(number(r.min()), r.max() == null ? "" : number(r.max()), Integer.toString(r.points())));
            if (withLabel) {
                row.add(r.label());
            }
            rows.add(row);
        }
        List<String> last = new ArrayList<>(List.of("unknown", "", Integer.toString(unknown)));
        if (withLabel) {
            last.add("");
        }
        rows.add(last);
        return rows;
    }

    /** Numbers as the docs write them: no trailing ".0", no exponent. */
    static String number(double d) {
        String s = java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return s;
    }

    private static String label(String enumName) {
        String s = enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
