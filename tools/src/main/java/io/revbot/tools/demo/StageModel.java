package io.revbot.tools.demo;

import java.util.List;
import java.util.Map;

/** The CRM's sales stages, in order, with the probability the CRM assigns to each. */
final class StageModel {
    private StageModel() {}

    static final String CLOSED_WON = "Closed Won";
    static final String CLOSED_LOST = "Closed Lost";

    /** New Business, Upsell and Expansion deals. */
    static final List<String> SALES =
            List.of("Opportunity Created", "Discover", "Proof of Concept", "Propose", "Negotiate", "Signature");

    static final List<String> RENEWAL = List.of("Open", "Qualification", "Propose", "Negotiate", "Signature");

    private static final Map<String, Integer> PROBABILITY = Map.ofEntries(
            Map.entry("Opportunity Created", 0),
            Map.entry("Discover", 10),
            Map.entry("Proof of Concept", 40),
            Map.entry("Propose", 50),
            Map.entry("Negotiate", 75),
            Map.entry("Signature", 90),
            Map.entry("Open", 0),
            Map.entry("Qualification", 10),
            Map.entry(CLOSED_WON, 100),
            Map.entry(CLOSED_LOST, 0));

    /** Typical days in each stage: {min, max}. */
    private static final Map<String, int[]> DAYS = Map.ofEntries(
            Map.entry("Opportunity Created", new int[] {2, 10}),
            Map.entry("Discover", new int[] {10, 30}),
            Map.entry("Proof of Concept", new int[] {14, 40}),
            Map.entry("Propose", new int[] {7, 25}),
            Map.entry("Negotiate", new int[] {7, 25}),
            Map.entry("Signature", new int[] {3, 12}),
            Map.entry("Open", new int[] {20, 60}),
            Map.entry("Qualification", new int[] {15, 40}));

    static int probability(String stage) {
        Integer p = PROBABILITY.get(stage);
        if (p == null) {
            throw new IllegalArgumentException("unknown stage " + stage);
        }
        return p;
    }

    static int[] typicalDays(String stage) {
        return DAYS.get(stage);
    }
}
