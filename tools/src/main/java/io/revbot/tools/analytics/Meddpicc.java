package io.revbot.tools.analytics;

import java.util.Locale;

/** The eight MEDDPICC elements and how strongly each is evidenced. */
public final class Meddpicc {
    private Meddpicc() {}

    /** An element, with the CRM columns that hold its text and its status. */
    public enum Element {
        METRICS("Metrics", "metrics"),
        ECONOMIC_BUYER("Economic buyer", "economic_buyer"),
        DECISION_CRITERIA("Decision criteria", "decision_criteria"),
        DECISION_PROCESS("Decision process", "decision_making_process"),
        PAPER_PROCESS("Paper process", "paper_process"),
        IDENTIFY_PAIN("Identify pain", "identify_pain"),
        CHAMPION("Champion", "champion"),
        COMPETITION("Competition", "competition");

        private final String label;
        private final String column;

        Element(String label, String column) {
            this.label = label;
            this.column = column;
        }

        public String label() {
            return label;
        }

        /** The CRM text column ({@code opportunity_d}); its status is {@code column + "_status"}. */
        public String column() {
            return column;
        }

        public String statusColumn() {
            return column + "_status";
        }
    }

    /** How strongly an element is evidenced; {@link #weight()} counts towards the MEDDPICC score. */
    public enum Status {
        STRONG(1.0),
        PARTIAL(0.5),
        MISSING(0.0);

        private final double weight;

        Status(double weight) {
            this.weight = weight;
        }

        public double weight() {
            return weight;
        }

        public boolean atLeast(Status other) {
            return weight >= other.weight;
        }

        /** CRM status colours: Green = strong, Yellow = partial, Red or unset = missing. */
        static Status fromCrm(String colour, String text) {
            if (colour != null) {
                switch (colour.trim().toLowerCase(Locale.ROOT)) {
                    case "green":
                        return STRONG;
                    case "yellow":
                        return PARTIAL;
                    case "red":
                        return MISSING;
                    default:
                        break;
                }
            }
            return text == null || text.isBlank() ? MISSING : PARTIAL;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
