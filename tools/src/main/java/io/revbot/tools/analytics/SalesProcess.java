package io.revbot.tools.analytics;

import io.revbot.tools.analytics.Meddpicc.Element;
import io.revbot.tools.analytics.Meddpicc.Status;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stage model of {@code knowledge_base/business_logic/sales_process.md}: stages in order with their CRM
 * probabilities, forecast categories, and the exit criteria a deal must show before it leaves each stage.
 */
public final class SalesProcess {
    private SalesProcess() {}

    /** Opportunity types in the CRM. */
    public static final List<String> OPPORTUNITY_TYPES = List.of("New Business", "Upsell", "Expansion", "Renewal");

    /** Values of {@code salesforce_account_d.account_region}. */
    public static final List<String> REGIONS = List.of("NA", "EMEA", "APAC", "LATAM");

    /** Which stage list an opportunity follows. */
    public enum Track {
        NEW_BUSINESS,
        RENEWAL;

        static Track of(String opportunityType) {
            return "Renewal".equalsIgnoreCase(opportunityType == null ? "" : opportunityType.trim())
                    ? RENEWAL
                    : NEW_BUSINESS;
        }
    }

    /** Forecast categories by CRM probability. */
    public enum ForecastCategory {
        COMMIT("Commit", 75),
        BEST_CASE("Best case", 40),
        PIPELINE("Pipeline", 0);

        private final String label;
        private final int minimumProbability;

        ForecastCategory(String label, int minimumProbability) {
            this.label = label;
            this.minimumProbability = minimumProbability;
        }

        public String label() {
            return label;
        }

        public int minimumProbability() {
            return minimumProbability;
        }

        public static ForecastCategory of(int probability) {
            for (ForecastCategory c : values()) {
                if (probability >= c.minimumProbability) {
                    return c;
                }
            }
            return PIPELINE;
        }
    }

    /** One stage of a track: name, CRM probability, and whether it is closed. */
    public record Stage(String name, int probability, boolean closed, boolean won) {}

    public static final List<Stage> NEW_BUSINESS_STAGES = List.of(
            new Stage("Opportunity Created", 0, false, false),
            new Stage("Discover", 10, false, false),
            new Stage("Proof of Concept", 40, false, false),
            new Stage("Propose", 50, false, false),
            new Stage("Negotiate", 75, false, false),
            new Stage("Signature", 90, false, false),
            new Stage("Closed Won", 100, true, true),
            new Stage("Closed Lost", 0, true, false));

    public static final List<Stage> RENEWAL_STAGES = List.of(
            new Stage("Open", 0, false, false),
            new Stage("Qualification", 10, false, false),
            new Stage("Propose", 50, false, false),
            new Stage("Negotiate", 75, false, false),
            new Stage("Signature", 90, false, false),
            new Stage("Closed Won", 100, true, true),
            new Stage("Closed Lost", 0, true, false));

    public static final String CLOSED_WON = "Closed Won";
    public static final String CLOSED_LOST = "Closed Lost";

    public static List<Stage> stages(Track track) {
        return track == Track.RENEWAL ? RENEWAL_STAGES : NEW_BUSINESS_STAGES;
    }

    public static Optional<Stage> stage(Track track, String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return stages(track).stream()
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    /** Position of an open stage in its track (0 = first); -1 when unknown or closed. */
    static int openIndex(Track track, String name) {
        List<Stage> stages = stages(track);
        for (int i = 0; i < stages.size(); i++) {
            if (!stages.get(i).closed() && stages.get(i).name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What a deal must show before it leaves a stage: MEDDPICC elements at a minimum status, and call evidence
     * (a call of a kind). Keyed by track, then by the stage being left.
     */
    public record ExitCriteria(Map<Element, Status> elements, List<CallEvidence.Topic> callTopics, String summary) {
        public ExitCriteria {
            elements = Map.copyOf(elements);
            callTopics = List.copyOf(callTopics);
        }
    }

    public static final Map<String, ExitCriteria> NEW_BUSINESS_EXIT = Map.of(
            "Opportunity Created",
            new ExitCriteria(Map.of(Element.IDENTIFY_PAIN, Status.PARTIAL), List.of(), "a pain is identified"),
            "Discover",
            new ExitCriteria(
                    Map.of(
                            Element.IDENTIFY_PAIN, Status.STRONG,
                            Element.METRICS, Status.PARTIAL,
                            Element.CHAMPION, Status.PARTIAL),
                    List.of(),
                    "pain confirmed, metrics sketched, a champion identified"),
            "Proof of Concept",
            new ExitCriteria(
                    Map.of(
                            Element.DECISION_CRITERIA, Status.STRONG,
                            Element.METRICS, Status.STRONG,
                            Element.CHAMPION, Status.STRONG),
                    List.of(CallEvidence.Topic.TECHNICAL_VALIDATION),
                    "technical validation done on a call, decision criteria and metrics agreed, champion active"),
            "Propose",
            new ExitCriteria(
                    Map.of(
                            Element.ECONOMIC_BUYER, Status.STRONG,
                            Element.DECISION_PROCESS, Status.PARTIAL),
                    List.of(CallEvidence.Topic.PRICING),
                    "pricing discussed on a call, economic buyer engaged, decision process known"),
            "Negotiate",
            new ExitCriteria(
                    Map.of(
                            Element.PAPER_PROCESS, Status.STRONG,
                            Element.DECISION_PROCESS, Status.STRONG,
                            Element.COMPETITION, Status.PARTIAL),
                    List.of(CallEvidence.Topic.PAPER_PROCESS),
                    "paper process under way on a call, decision process confirmed, competition known"),
            "Signature",
            new ExitCriteria(Map.of(), List.of(), "the contract is signed"));

    public static final Map<String, ExitCriteria> RENEWAL_EXIT = Map.of(
            "Open",
            new ExitCriteria(Map.of(Element.IDENTIFY_PAIN, Status.PARTIAL), List.of(), "renewal need confirmed"),
            "Qualification",
            new ExitCriteria(
                    Map.of(Element.METRICS, Status.PARTIAL, Element.CHAMPION, Status.PARTIAL),
                    List.of(),
                    "value delivered is measured, a champion is engaged"),
            "Propose",
            new ExitCriteria(
                    Map.of(Element.ECONOMIC_BUYER, Status.STRONG),
                    List.of(CallEvidence.Topic.PRICING),
                    "renewal pricing discussed on a call with the economic buyer engaged"),
            "Negotiate",
            new ExitCriteria(
                    Map.of(Element.PAPER_PROCESS, Status.STRONG),
                    List.of(CallEvidence.Topic.PAPER_PROCESS),
                    "paper process under way on a call"),
            "Signature",
            new ExitCriteria(Map.of(), List.of(), "the renewal is signed"));

    public static Map<String, ExitCriteria> exitCriteria(Track track) {
        return track == Track.RENEWAL ? RENEWAL_EXIT : NEW_BUSINESS_EXIT;
    }
}
