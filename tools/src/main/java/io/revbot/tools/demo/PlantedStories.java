package io.revbot.tools.demo;

import java.util.List;

/**
 * The names of the stories planted in the demo data at every scale (documented in {@code tools/README.md}). Tests
 * and docs refer to these constants rather than repeating the strings.
 */
public final class PlantedStories {
    private PlantedStories() {}

    /** Commit customers whose consumption falls 85–100 % in the last 30 days. */
    public static final List<String> USAGE_CLIFF_ACCOUNTS =
            List.of("Northwind Logistics", "Helix Biotech", "Quanta Retail");

    /** The usage-cliff account that stops completely: no consumption on or after as-of minus this many days. */
    public static final String STOPPED_ACCOUNT = "Quanta Retail";

    public static final int STOPPED_DAYS_BEFORE_AS_OF = 20;

    /** A New Business deal in Negotiate whose calls are discovery only. */
    public static final String DISCOVERY_ONLY_ACCOUNT = "Vertex Analytics";

    public static final String DISCOVERY_ONLY_OPPORTUNITY = "Vertex Analytics - Platform Migration";

    /** PLG customers that bill $2,000+/month and are active 90+ of the last 120 days. */
    public static final List<String> READY_TO_CONVERT_ACCOUNTS = List.of("Lumen Labs", "Brightpath AI", "Cobalt Data");

    /** A commit customer consuming above 120 % of its contracted rate. */
    public static final String RUNNING_HOT_ACCOUNT = "Atlas Mobility";

    /** A Proof of Concept whose recent calls name Snowflake and Databricks with price quotes. */
    public static final String COMPETITIVE_ACCOUNT = "Orion Health";

    public static final String COMPETITIVE_OPPORTUNITY = "Orion Health - Analytics Modernization";

    /** An ideal-customer-profile lead. */
    public static final String IDEAL_LEAD = "Maya Chen";

    public static final String IDEAL_LEAD_COMPANY = "StreamForge";

    /** A lead that does not fit the ideal customer profile. */
    public static final String POOR_LEAD = "Tom Becker";

    public static final String POOR_LEAD_COMPANY = "Becker Family Dental";

    /** Every account name a planted story uses; random accounts never take one of these names. */
    public static final List<String> ACCOUNT_NAMES = List.of(
            "Northwind Logistics",
            "Helix Biotech",
            "Quanta Retail",
            "Vertex Analytics",
            "Lumen Labs",
            "Brightpath AI",
            "Cobalt Data",
            "Atlas Mobility",
            "Orion Health",
            "StreamForge",
            "Becker Family Dental");
}
