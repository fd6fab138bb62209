package io.revbot.tools.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ideal-customer-profile score of {@code knowledge_base/icp_and_messaging/ideal_customer_profile.md}: company fit
 * × 0.4 + technical fit × 0.3 + business fit × 0.3, each part 0–100 from explicit criteria; bands, priorities and
 * the follow-up playbook per priority. Pure: {@link #score(Inputs)} needs no warehouse.
 */
public final class IcpModel {
    private IcpModel() {}

    public static final double COMPANY_WEIGHT = 0.4;
    public static final double TECHNICAL_WEIGHT = 0.3;
    public static final double BUSINESS_WEIGHT = 0.3;

    /** Industries we sell to (matched case-insensitively as words in the industry text). */
    public static final List<String> INDUSTRIES_IN_SCOPE = List.of(
            "software",
            "saas",
            "internet",
            "technology",
            "artificial intelligence",
            "ai",
            "adtech",
            "martech",
            "advertising",
            "marketing",
            "financial services",
            "fintech",
            "e-commerce",
            "ecommerce",
            "retail",
            "gaming",
            "it services",
            "business services",
            "data");
    /** Industries out of scope unless the company is digital-native (checked before the in-scope list). */
    public static final List<String> INDUSTRIES_OUT_OF_SCOPE = List.of(
            "government",
            "public sector",
            "energy",
            "utilities",
            "manufacturing",
            "consumer goods",
            "construction",
            "dental",
            "agriculture",
            "non-profit");

    public static final int INDUSTRY_IN = 40, INDUSTRY_OTHER = 15, INDUSTRY_OUT = 0, INDUSTRY_UNKNOWN = 20;

    /** A numeric band: values from {@code min} (inclusive) to {@code max} (inclusive; null = no limit). */
    public record Range(double min, Double max, int points, String label) {
        boolean contains(double v) {
            return v >= min && (max == null || v <= max);
        }
    }

    /** Employee bands; 200–1,000 is the sweet spot. */
    public static final List<Range> EMPLOYEES = List.of(
            new Range(200, 1_000.0, 40, "sweet spot"),
            new Range(1_001, 5_000.0, 30, "upper mid-market"),
            new Range(50, 199.0, 25, "growth-stage"),
            new Range(5_001, null, 15, "enterprise"),
            new Range(0, 49.0, 0, "too small"));

    public static final int EMPLOYEES_UNKNOWN = 15;

    /** Estimated annual revenue bands in USD. */
    public static final List<Range> REVENUE = List.of(
            new Range(10_000_000, 500_000_000.0, 20, "$10M–$500M"),
            new Range(500_000_000.01, null, 15, "above $500M"),
            new Range(1_000_000, 9_999_999.99, 10, "$1M–$10M"),
            new Range(0, 999_999.99, 0, "below $1M"));

    public static final int REVENUE_UNKNOWN = 10;

    /** Technical criteria: a phrase list per level, first level that matches wins. */
    public record Level(String label, int points, List<String> phrases) {}

    public record Criterion(String name, int max, List<Level> levels, int unknownPoints) {}

    public static final Criterion CLOUD = new Criterion(
            "cloud",
            25,
            List.of(
                    new Level("AWS", 25, List.of("aws", "amazon web services")),
                    new Level("GCP or Azure", 15, List.of("gcp", "google cloud", "azure"))),
            10);
    public static final Criterion USE_CASE = new Criterion(
            "use case and latency",
            35,
            List.of(
                    new Level(
                            "real-time, customer-facing or low-latency analytics",
                            35,
                            List.of(
                                    "real-time",
                                    "realtime",
                                    "real time",
                                    "sub-second",
                                    "low latency",
                                    "low-latency",
                                    "customer-facing",
                                    "embedded analytics",
                                    "user-facing",
                                    "streaming")),
                    new Level(
                            "internal analytics and BI",
                            20,
                            List.of(
                                    "analytics",
                                    "dashboard",
                                    "reporting",
                                    "bi",
                                    "data warehouse",
                                    "business intelligence"))),
            10);
    public static final Criterion SCALE = new Criterion(
            "data volume and concurrency",
            20,
            List.of(new Level(
                    "large data or high concurrency",
                    20,
                    List.of(
                            "tb",
                            "terabyte",
                            "petabyte",
                            "billion",
                            "concurren*",
                            "qps",
                            "high volume",
                            "events per"))),
            10);
    public static final Criterion STACK = new Criterion(
            "data stack",
            20,
            List.of(
                    new Level(
                            "runs a cloud warehouse we displace",
                            20,
                            List.of("snowflake", "redshift", "bigquery", "clickhouse", "databricks", "druid", "pinot")),
                    new Level(
                            "modern data stack",
                            10,
                            List.of("dbt", "kafka", "airflow", "looker", "tableau", "postgres", "spark", "fivetran"))),
            10);

    /** Title authority tiers (first that matches wins). */
    public enum TitleTier {
        TIER_1("decision maker", 50),
        TIER_2("technical leader", 35),
        TIER_3("practitioner", 20),
        OUTSIDE("outside the buying group", 0),
        UNKNOWN("unknown title", 10);

        private final String label;
        private final int points;

        TitleTier(String label, int points) {
            this.label = label;
            this.points = points;
        }

        public String label() {
            return label;
        }

        public int points() {
            return points;
        }
    }

    public static final List<String> TIER_1_ALWAYS =
            List.of("cto", "cdo", "cio", "ceo", "founder", "co-founder", "chief data", "chief technology");
    public static final List<String> SENIOR = List.of("vp", "vice president", "head of", "director", "chief");
    public static final List<String> LEADER = List.of("manager", "lead", "architect", "principal", "staff");
    public static final List<String> PRACTITIONER = List.of("engineer", "analyst", "scientist", "developer", "dba");
    public static final List<String> TECHNICAL_DOMAIN = List.of(
            "data",
            "engineering",
            "analytics",
            "platform",
            "technology",
            "infrastructure",
            "ai",
            "machine learning",
            "bi",
            "software",
            "product");

    public static TitleTier titleTier(String title) {
        if (title == null || title.isBlank()) {
            return TitleTier.UNKNOWN;
        }
        String t = " " + title.toLowerCase(Locale.ROOT) + " ";
        if (has(t, TIER_1_ALWAYS)) {
            return TitleTier.TIER_1;
        }
        boolean technical = has(t, TECHNICAL_DOMAIN);
        if (has(t, SENIOR) && technical) {
            return TitleTier.TIER_1;
        }
        if (has(t, LEADER) && technical) {
            return TitleTier.TIER_2;
        }
        if (has(t, PRACTITIONER)) {
            return TitleTier.TIER_3;
        }
        return TitleTier.OUTSIDE;
    }

    /** Engagement: calls held with the person (at least, points). */
    public static final List<Range> CALLS = List.of(
            new Range(2, null, 30, "2+ calls"), new Range(1, 1.0, 20, "1 call"), new Range(0, 0.0, 0, "no calls"));

    /** Lead source points; unknown or other sources score {@link #SOURCE_OTHER}. */
    public static final List<Level> LEAD_SOURCES = List.of(
            new Level("Referral", 20, List.of("referral")),
            new Level("Free Trial", 20, List.of("free trial")),
            new Level("Event", 15, List.of("event")),
            new Level("Webinar", 15, List.of("webinar")),
            new Level("Website", 10, List.of("website")),
            new Level("Outbound", 5, List.of("outbound")));

    public static final int SOURCE_OTHER = 5;

    /** Bands by score (minimum, inclusive). */
    public enum Band {
        IDEAL("Ideal", 80),
        GOOD("Good", 60),
        MODERATE("Moderate", 40),
        POOR("Poor", 20),
        NO_FIT("No fit", 0);

        private final String label;
        private final int minimum;

        Band(String label, int minimum) {
            this.label = label;
            this.minimum = minimum;
        }

        public String label() {
            return label;
        }

        public int minimum() {
            return minimum;
        }

        public static Band of(double score) {
            if (score < 0 || score > 100) {
                throw new IllegalArgumentException("score must be 0-100, was " + score);
            }
            for (Band b : values()) {
                if (score >= b.minimum) {
                    return b;
                }
            }
            return NO_FIT;
        }
    }

    /** Follow-up priority by band, with its playbook. */
    public enum Priority {
        P1(
                Band.IDEAL,
                "AE reaches out within 24 hours with a tailored message; book discovery this week; multi-thread to the economic buyer."),
        P2(
                Band.GOOD,
                "SDR follows up within 3 business days with a use-case message; qualify pain, stack and timeline on a first call."),
        P3(
                Band.MODERATE,
                "Nurture: add to a use-case email sequence and webinar invites; re-score when engagement or new facts arrive."),
        P4(Band.POOR, "No sales follow-up: marketing newsletter only; disqualify if facts confirm poor fit.");

        private final Band fromBand;
        private final String playbook;

        Priority(Band fromBand, String playbook) {
            this.fromBand = fromBand;
            this.playbook = playbook;
        }

        /** The best band this priority starts from (P4 covers Poor and No fit). */
        public Band fromBand() {
            return fromBand;
        }

        public String playbook() {
            return playbook;
        }

        public static Priority of(Band band) {
            return switch (band) {
                case IDEAL -> P1;
                case GOOD -> P2;
                case MODERATE -> P3;
                case POOR, NO_FIT -> P4;
            };
        }
    }

    /** Confidence from the share of criteria whose facts are known. */
    public enum Confidence {
        HIGH(0.8),
        MEDIUM(0.5),
        LOW(0.0);

        private final double minimumCompleteness;

        Confidence(double minimumCompleteness) {
            this.minimumCompleteness = minimumCompleteness;
        }

        public double minimumCompleteness() {
            return minimumCompleteness;
        }

        public static Confidence of(double completeness) {
            for (Confidence c : values()) {
                if (completeness >= c.minimumCompleteness) {
                    return c;
                }
            }
            return LOW;
        }
    }

    /** What the score is computed from; any field may be null (unknown). */
    public record Inputs(
            String industry,
            Long employees,
            Double revenueUsd,
            String technicalText,
            String stackText,
            String title,
            Integer calls,
            String leadSource) {}

    /** One criterion's result. {@code known} false means the points are the "unknown" default. */
    public record Scored(String criterion, int points, int max, boolean known, String basis) {}

    /** A part (company, technical, business) with its 0–100 score and weight. */
    public record Part(String name, double weight, int score, List<Scored> criteria) {
        public Part {
            criteria = List.copyOf(criteria);
        }
    }

    /** The score with its parts, band, priority, completeness and the facts that were missing. */
    public record Result(
            double score,
            Band band,
            Priority priority,
            List<Part> parts,
            double completeness,
            Confidence confidence,
            List<String> missing) {
        public Result {
            parts = List.copyOf(parts);
            missing = List.copyOf(missing);
        }
    }

    public static Result score(Inputs in) {
        List<Scored> company = List.of(
                industry(in.industry()),
                range(
                        "employees",
                        in.employees() == null ? null : in.employees().doubleValue(),
                        EMPLOYEES,
                        EMPLOYEES_UNKNOWN,
                        40),
                range("annual revenue", in.revenueUsd(), REVENUE, REVENUE_UNKNOWN, 20));
        String tech = in.technicalText();
        List<Scored> technical = List.of(
                level(CLOUD, join(tech, in.stackText())),
                level(USE_CASE, tech),
                level(SCALE, tech),
                level(STACK, in.stackText()));
        TitleTier tier = titleTier(in.title());
        List<Scored> business = List.of(
                new Scored(
                        "title authority",
                        tier.points(),
                        50,
                        tier != TitleTier.UNKNOWN,
                        tier.label() + (in.title() == null ? "" : " (" + in.title() + ")")),
                range(
                        "engagement (calls)",
                        in.calls() == null ? null : in.calls().doubleValue(),
                        CALLS,
                        0,
                        30),
                source(in.leadSource()));
        List<Part> parts = List.of(
                part("company fit", COMPANY_WEIGHT, company),
                part("technical fit", TECHNICAL_WEIGHT, technical),
                part("business fit", BUSINESS_WEIGHT, business));
        double score = 0;
        for (Part p : parts) {
            score += p.weight() * p.score();
        }
        score = Math.max(0, Math.min(100, Math.round(score * 10) / 10.0));
        List<String> missing = new ArrayList<>();
        int known = 0, total = 0;
        for (Part p : parts) {
            for (Scored s : p.criteria()) {
                total++;
                if (s.known()) {
                    known++;
                } else {
                    missing.add(s.criterion());
                }
            }
        }
        double completeness = Math.round(known * 100.0 / total) / 100.0;
        Band band = Band.of(score);
        return new Result(score, band, Priority.of(band), parts, completeness, Confidence.of(completeness), missing);
    }

    private static Part part(String name, double weight, List<Scored> criteria) {
        int sum = criteria.stream().mapToInt(Scored::points).sum();
        return new Part(name, weight, Math.min(100, sum), criteria);
    }

    private static Scored industry(String industry) {
        if (industry == null || industry.isBlank()) {
            return new Scored("industry", INDUSTRY_UNKNOWN, 40, false, "unknown");
        }
        String t = " " + industry.toLowerCase(Locale.ROOT) + " ";
        if (has(t, INDUSTRIES_OUT_OF_SCOPE)) {
            return new Scored("industry", INDUSTRY_OUT, 40, true, industry + ": out of scope");
        }
        if (has(t, INDUSTRIES_IN_SCOPE)) {
            return new Scored("industry", INDUSTRY_IN, 40, true, industry + ": in scope");
        }
        return new Scored("industry", INDUSTRY_OTHER, 40, true, industry + ": neither listed in nor out of scope");
    }

    private static Scored range(String name, Double value, List<Range> ranges, int unknown, int max) {
        if (value == null) {
            return new Scored(name, unknown, max, false, "unknown");
        }
        for (Range r : ranges) {
            if (r.contains(value)) {
                return new Scored(
                        name, r.points(), max, true, String.format(Locale.ROOT, "%,.0f: %s", value, r.label()));
            }
        }
        return new Scored(name, 0, max, true, String.format(Locale.ROOT, "%,.0f", value));
    }

    private static Scored level(Criterion c, String text) {
        if (text == null || text.isBlank()) {
            return new Scored(c.name(), c.unknownPoints(), c.max(), false, "unknown");
        }
        String t = " " + text.toLowerCase(Locale.ROOT) + " ";
        for (Level l : c.levels()) {
            if (has(t, l.phrases())) {
                return new Scored(c.name(), l.points(), c.max(), true, l.label());
            }
        }
        return new Scored(c.name(), c.unknownPoints(), c.max(), false, "not mentioned");
    }

    private static Scored source(String source) {
        if (source == null || source.isBlank()) {
            return new Scored("lead source", SOURCE_OTHER, 20, false, "unknown");
        }
        String t = " " + source.toLowerCase(Locale.ROOT) + " ";
        for (Level l : LEAD_SOURCES) {
            if (has(t, l.phrases())) {
                return new Scored("lead source", l.points(), 20, true, l.label());
            }
        }
        return new Scored("lead source", SOURCE_OTHER, 20, true, source);
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "\n" + b;
    }

    static boolean has(String paddedLower, List<String> phrases) {
        return CallEvidence.firstPhrase(paddedLower, phrases) >= 0;
    }
}
