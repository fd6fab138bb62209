package io.revbot.tools.demo;

import io.revbot.tools.demo.DemoWorld.Contact;
import io.revbot.tools.demo.DemoWorld.Opportunity;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The MEDDPICC fields of a deal, filled unevenly the way real CRMs are: more and greener the later the stage, and
 * more diligently by some reps than others. The planted discovery-only deal gets optimistic, all-green fields.
 */
final class Meddpicc {
    static final List<String> WON_REASONS = List.of(
            "Price/performance in the proof of concept",
            "Sub-second dashboards at high concurrency",
            "Lower total cost than the incumbent",
            "Strong champion and fast security review",
            "SQL compatibility made the migration low-risk");
    static final List<String> LOST_REASONS = List.of(
            "Lost to Snowflake: ecosystem fit",
            "Lost to Databricks: consolidated on the lakehouse",
            "Lost to BigQuery: already committed to GCP spend",
            "Lost to ClickHouse: self-hosted, lower price",
            "Stayed on Redshift: migration effort",
            "No budget this year",
            "Project deprioritised",
            "No decision / went dark");
    private static final List<String> METRICS = List.of(
            "Dashboard p95 from 30s to under 1s for 2,000 customers",
            "Cut warehouse spend by 40% year over year",
            "Support 500 concurrent dashboard users",
            "Ingest 5 TB/day with data fresh within a minute",
            "Retire two legacy clusters by the end of the quarter");
    private static final List<String> PAINS = List.of(
            "Customer-facing dashboards time out at peak",
            "Warehouse costs grew 3x in a year",
            "Concurrency limits force queueing during business hours",
            "Data is hours stale; product wants real time",
            "Engineering spends too much time tuning the current cluster");
    private static final List<String> CRITERIA = List.of(
            "Sub-second p95 on billion-row tables; ANSI SQL; predictable cost",
            "Concurrency above 200 QPS; dbt support; SOC 2",
            "Cost per query below the incumbent; managed service; AWS region coverage");
    private static final String[] STATUSES = {"Green", "Yellow", "Red"};

    private final DemoWorld world;

    Meddpicc(DemoWorld world) {
        this.world = world;
    }

    /**
     * Sixteen values (eight text/status pairs in the order metrics, economic buyer, pain, champion, decision
     * criteria, decision process, paper process, competition) plus the decision timeline date (ISO) or null.
     */
    String[] fields(Opportunity o, SplittableRandom r, LocalDate closeDate) {
        Contact champion = o.account.champion();
        Contact buyer = o.account.economicBuyer();
        String competitors = String.join(" and ", o.competitors);
        String[] text = {
            Vocabulary.pick(r, METRICS),
            buyer.name() + " (" + buyer.title() + ")",
            Vocabulary.pick(r, PAINS).replace("the current cluster", o.account.incumbent),
            champion.name() + " (" + champion.title() + ")",
            Vocabulary.pick(r, CRITERIA),
            "Technical evaluation by the data platform team, then sign-off by " + buyer.title(),
            r.nextBoolean()
                    ? "MSA and order form through procurement; security review takes 2-3 weeks"
                    : "Order form on their paper; legal review by the general counsel",
            o.competitors.isEmpty()
                    ? "No active competitor; status quo on " + o.account.incumbent
                    : "Also evaluating " + competitors
        };
        String[] values = new String[17];
        if (o.discoveryOnly) {
            for (int i = 0; i < 8; i++) {
                values[2 * i] = text[i];
                values[2 * i + 1] = "Green";
            }
            values[16] = closeDate.minusDays(5).toString();
            return values;
        }
        int stage = stageRank(o);
        double diligence =
                0.55 + world.random("diligence", o.owner.id().hashCode()).nextDouble() * 0.65;
        double fill = Math.min(0.95, (0.08 + 0.16 * stage) * diligence);
        for (int i = 0; i < 8; i++) {
            boolean hasText = r.nextDouble() < fill;
            boolean hasStatus = hasText ? r.nextDouble() < 0.85 : r.nextDouble() < fill * 0.2;
            if (hasText) {
                values[2 * i] = text[i];
            }
            if (hasStatus) {
                double green = 0.2 + 0.1 * stage;
                double x = r.nextDouble();
                values[2 * i + 1] = x < green ? STATUSES[0] : x < green + 0.3 ? STATUSES[1] : STATUSES[2];
            }
        }
        if (values[10] != null || r.nextDouble() < fill * 0.5) {
            values[16] = closeDate.minusDays(r.nextInt(15)).toString();
        }
        return values;
    }

    /** 0 for the first stage up to 5 for Signature; closed deals count as 5. */
    private static int stageRank(Opportunity o) {
        if (o.closed()) {
            return 5;
        }
        List<String> stages = o.renewal ? StageModel.RENEWAL : StageModel.SALES;
        int rank = stages.indexOf(o.stage());
        return o.renewal ? Math.min(5, rank + 1) : rank;
    }

    String nextStep(Opportunity o, SplittableRandom r) {
        if (r.nextDouble() < 0.15) {
            return null;
        }
        String champion = o.account.champion().firstName();
        String buyer = o.account.economicBuyer().firstName();
        List<String> options = switch (o.stage()) {
            case "Opportunity Created", "Open" ->
                List.of("Book discovery call with " + champion, "Intro email to " + champion + " with case studies");
            case "Discover", "Qualification" ->
                List.of(
                        "Technical deep dive with " + champion + "'s team",
                        "Confirm use case and success criteria with " + champion);
            case "Proof of Concept" ->
                List.of(
                        "POC readout with " + champion + " next week",
                        "Load their 2 TB sample and benchmark dashboards");
            case "Propose" -> List.of("Review proposal with " + buyer, "Send updated pricing options to " + champion);
            case "Negotiate" ->
                List.of("Finalize terms with procurement", "Redlines back from " + buyer + "'s legal team");
            case "Signature" ->
                List.of("Order form out for signature with " + buyer, "Countersign and kick off onboarding");
            default -> List.of("Follow up with " + champion);
        };
        return Vocabulary.pick(r, options);
    }
}
