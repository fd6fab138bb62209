package io.revbot.tools.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What is said on one call, built from beats chosen by the kind of call: the utterances of the transcript and the
 * summary Gong writes (brief, key points, next steps). Discovery calls never talk about price or paperwork.
 */
final class CallScript {
    enum Kind {
        DISCOVERY("Discovery"),
        TECHNICAL("Technical Review"),
        PROPOSAL("Proposal Review"),
        NEGOTIATION("Commercial Negotiation"),
        CHECK_IN("Quarterly Business Review"),
        INTRO("Intro Call");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** A person on the call. */
    record Speaker(String name, String email) {
        String firstName() {
            int space = name.indexOf(' ');
            return space < 0 ? name : name.substring(0, space);
        }
    }

    record Utterance(Speaker speaker, String text) {}

    private static final Map<String, String> CLAIMS = Map.of(
            "Snowflake", "their ecosystem and marketplace are broader",
            "Databricks", "they can consolidate ETL, ML and BI on one lakehouse",
            "Redshift", "staying AWS-native keeps operations simple",
            "BigQuery", "there is no cluster to manage at all",
            "ClickHouse", "open source keeps them flexible");
    private static final Map<String, String> QUOTES = Map.of(
            "Snowflake", "Snowflake quoted $3.00 per credit on Enterprise, with 15% off for a three-year commit",
            "Databricks", "Databricks put about $420K over two years on the table, SQL warehouses included",
            "Redshift", "AWS offered a 30% discount on reserved RA3 nodes to keep us on Redshift",
            "BigQuery", "Google quoted $2,000 a month per 100 slots on a flat-rate plan",
            "ClickHouse", "ClickHouse Cloud came in about 20% below your number");
    static final String DISCOVERY_PAIN = "Customer-facing dashboards time out at peak";
    static final String DISCOVERY_METRIC = "Dashboard p95 from 30 seconds to under one second for 2,000 customers";
    private static final List<String> PAINS = List.of(
            DISCOVERY_PAIN,
            "Warehouse costs grew three times in a year",
            "Concurrency limits force queueing during business hours",
            "Data is hours stale and product wants real time",
            "The team spends too much time tuning the current cluster");
    private static final List<String> METRICS = List.of(
            DISCOVERY_METRIC,
            "Support 500 concurrent dashboard users",
            "Ingest 5 TB a day with data fresh within a minute",
            "Retire two legacy clusters by the end of the quarter");

    final List<Utterance> utterances = new ArrayList<>();
    final List<String> keyPoints = new ArrayList<>();
    String brief;
    String nextSteps;

    /**
     * @param competitors named on this call; {@code quotes} says whether they come with price quotes
     * @param buyer the economic buyer when attending, else null
     * @param discoveryOnly the planted discovery-only deal: a fixed pain and metric that say nothing about money
     */
    static CallScript write(
            SplittableRandom r,
            Kind kind,
            String account,
            String incumbent,
            String deal,
            Speaker rep,
            Speaker engineer,
            Speaker champion,
            Speaker buyer,
            String buyerTitle,
            List<Speaker> others,
            List<String> competitors,
            boolean quotes,
            double annualValue,
            boolean discoveryOnly) {
        var s = new CallScript();
        boolean fixedDiscovery = discoveryOnly;
        String pain = fixedDiscovery ? DISCOVERY_PAIN : Vocabulary.pick(r, PAINS);
        String metric = fixedDiscovery ? DISCOVERY_METRIC : Vocabulary.pick(r, METRICS);
        Speaker colleague = others.isEmpty() ? champion : others.get(0);
        s.say(
                rep,
                "Thanks for making the time, " + champion.firstName() + ". I'd like to use today for the "
                        + kind.label.toLowerCase(Locale.ROOT) + (deal == null ? "." : " on " + deal + "."));
        s.say(
                champion,
                "Sounds good. "
                        + (others.isEmpty()
                                ? "It's just me today."
                                : colleague.firstName() + " from the data team joined as well."));
        switch (kind) {
            case DISCOVERY, INTRO -> {
                s.say(rep, "What made you look at this now?");
                s.say(champion, pain + ". We run " + incumbent + " today and it is not keeping up.");
                s.say(rep, "How would you measure success?");
                s.say(champion, metric + ".");
                s.say(colleague, "Events land in Kafka, then S3, and we model everything in dbt.");
                s.say(rep, "Who else needs to be involved as this moves forward?");
                s.say(champion, "I'm driving the evaluation. Our " + buyerTitle + " signs off on anything this size.");
                s.keyPoints.add("Pain: " + pain);
                s.keyPoints.add("Current stack: " + incumbent + ", Kafka, S3, dbt");
                s.keyPoints.add("Success metric: " + metric);
                s.keyPoints.add("Champion: " + champion.name() + " is driving the evaluation");
                s.brief = "Discovery call with " + account + ": " + pain.toLowerCase(Locale.ROOT) + " on " + incumbent
                        + "; they want " + metric.toLowerCase(Locale.ROOT) + ".";
                s.nextSteps =
                        "Technical deep dive with " + champion.firstName() + "'s team; share reference architecture";
            }
            case TECHNICAL -> {
                Speaker se = engineer == null ? rep : engineer;
                s.say(
                        se,
                        "We loaded your sample data; the top twenty dashboard queries ran at a p95 of "
                                + (200 + r.nextInt(600)) + " milliseconds.");
                s.say(colleague, "Our concurrency test at " + (50 + r.nextInt(200)) + " queries per second held up.");
                s.say(champion, "That beats what we see on " + incumbent + " by a wide margin.");
                s.say(se, "Next we can test the streaming ingestion path from Kafka.");
                s.keyPoints.add("Proof of concept: top dashboards well under a second at p95");
                s.keyPoints.add("Concurrency test passed");
                s.keyPoints.add("Champion: " + champion.name() + " is positive about the results");
                s.brief = "Proof-of-concept review with " + account + ": performance and concurrency tests passed.";
                s.nextSteps = "Test streaming ingestion; write up POC results for " + champion.firstName();
            }
            case PROPOSAL -> {
                long acv = Math.round(annualValue / 1000) * 1000;
                s.say(rep, "Based on the sizing, our proposal is an annual commitment of $%,d.".formatted(acv));
                s.say(
                        buyer == null ? champion : buyer,
                        "That is within budget, but we will compare it with the other quotes.");
                s.keyPoints.add("Pricing: proposal of $%,d per year presented".formatted(acv));
                if (buyer != null) {
                    s.keyPoints.add("Economic buyer " + buyer.name() + " attended");
                }
                s.brief = "Proposal review with " + account + ": pricing of $%,d per year presented.".formatted(acv);
                s.nextSteps = "Send revised pricing options and the order form draft";
            }
            case NEGOTIATION -> {
                Speaker payer = buyer == null ? champion : buyer;
                s.say(payer, "Procurement is asking for a 10% discount on a three-year term and net-60 payment.");
                s.say(rep, "We can do 7% for three years if we sign this quarter.");
                s.say(champion, "Legal has the MSA redlines; expect them back by Thursday.");
                s.keyPoints.add("Pricing: customer asked for 10%, we offered 7% for a three-year term");
                s.keyPoints.add("Paper process: MSA redlines with legal");
                s.brief = "Commercial negotiation with " + account + ": discount, payment terms and MSA redlines.";
                s.nextSteps = "Send final order form; legal to return MSA redlines";
            }
            case CHECK_IN -> {
                s.say(rep, "Let's look at how usage has developed this quarter.");
                s.say(champion, "Adoption is growing; two more teams want dashboards on it.");
                s.say(colleague, "We would like help tuning a few heavy queries.");
                s.keyPoints.add("Usage review; more teams interested");
                s.brief = "Quarterly business review with " + account + ": usage, adoption and tuning requests.";
                s.nextSteps = "Schedule a query tuning session with " + colleague.firstName();
            }
        }
        for (String competitor : competitors) {
            s.say(
                    champion,
                    "We are also looking at " + competitor + "; their team says " + CLAIMS.get(competitor) + ".");
            if (quotes) {
                s.say(buyer == null ? champion : buyer, QUOTES.get(competitor) + ".");
                s.keyPoints.add("Competition: " + competitor + " — " + QUOTES.get(competitor));
            } else {
                s.keyPoints.add("Competition: " + competitor + " (" + CLAIMS.get(competitor) + ")");
            }
            s.say(rep, "Fair point. Where we win is sub-second queries at high concurrency on the same data.");
        }
        if (!competitors.isEmpty()) {
            s.brief +=
                    " Competitors named: " + String.join(", ", competitors) + (quotes ? ", with price quotes." : ".");
        }
        s.say(rep, "Next steps: " + s.nextSteps + ". I'll send a recap today.");
        s.say(champion, "Works for us. Thanks, everyone.");
        return s;
    }

    private void say(Speaker speaker, String text) {
        utterances.add(new Utterance(speaker, text));
    }

    String keyPointsText() {
        return String.join("\n", keyPoints.stream().map(p -> "- " + p).toList());
    }
}
