package io.revbot.tools.analytics;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.revbot.tools.ToolException;
import io.revbot.tools.analytics.PipelineForecaster.Dimension;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The analyses as tools for the deal-analysis, lead-analysis and data agents. Every number in the answers is
 * computed here, deterministically; the model quotes them rather than recomputing. Results are JSON with an
 * {@code outcome} of {@code found}, {@code ambiguous} (ask the user which one) or {@code not_found}.
 */
public final class AnalyticsTools {
    private final RevenueAnalytics analytics;

    public AnalyticsTools(RevenueAnalytics analytics) {
        this.analytics = Objects.requireNonNull(analytics, "analytics");
    }

    @Tool(
            name = "deal_review",
            value = "Reviews one opportunity: stage, CRM probability, TCV/ACV, owner, days in stage and to close; a "
                    + "MEDDPICC scorecard (strong/partial/missing with evidence from CRM fields and call briefs, key "
                    + "points and transcripts); stage-exit criteria; an evidence-adjusted probability next to the CRM "
                    + "one with the reasons; risks and opportunities by category; the last calls with attendees. "
                    + "Quote its numbers. If several deals match, it lists them: ask the user which one.")
    public String dealReview(@P("opportunity name (or part of it), account name, or opportunity id") String deal) {
        return AnalyticsJson.outcome(analytics.deals().review(deal), false);
    }

    @Tool(
            name = "lead_assessment",
            value = "Scores a lead or contact against the ideal customer profile: ICP score 0-100 = company fit × 0.4 "
                    + "+ technical fit × 0.3 + business fit × 0.3 with each criterion's points, band (Ideal 80+, Good "
                    + "60-79, Moderate 40-59, Poor 20-39, No fit < 20), priority P1-P4 with the follow-up playbook, "
                    + "confidence from data completeness, and the missing facts web research could fill. A person "
                    + "the CRM does not know gets a provisional assessment (provisional: true) from what is known "
                    + "about the company: say so, with its confidence and the missing facts. relationship names the "
                    + "owner when the company is already a customer or has open deals. With newSinceDays it scores "
                    + "every lead created in that many days instead.")
    public String leadAssessment(
            @P(value = "the person's full name", required = false) String name,
            @P(value = "the person's company", required = false) String company,
            @P(value = "the person's email (finds them exactly)", required = false) String email,
            @P(value = "the person's job title, when the user gave it", required = false) String title,
            @P(value = "batch mode: score all leads created in the last N days", required = false)
                    Integer newSinceDays) {
        if (newSinceDays != null) {
            if (newSinceDays < 1 || newSinceDays > 366) {
                throw new ToolException("newSinceDays must be 1-366, was " + newSinceDays);
            }
            LocalDate since = LocalDate.now(analytics.clock()).minusDays(newSinceDays);
            return AnalyticsJson.forModel(analytics.leads().assessNewSince(since));
        }
        return AnalyticsJson.outcome(analytics.leads().assess(name, company, email, title), false);
    }

    @Tool(
            name = "churn_risk",
            value = "Churn risk 0-100 (higher = riskier; Low <= 25, Medium <= 50, High <= 75, Critical above) for "
                    + "commit and PLG customers, riskiest first, with the weighted components, usage trend (30 vs 90 "
                    + "days), anomaly flags, renewal phase and the signals that drove each score.")
    public String churnRisk(
            @P(value = "only customers whose name contains this (or this account id)", required = false) String account,
            @P(value = "how many of the riskiest to return (default 10)", required = false) Integer top) {
        int n = top == null ? 10 : top;
        if (n < 1 || n > 500) {
            throw new ToolException("top must be 1-500, was " + n);
        }
        return AnalyticsJson.outcome(analytics.churn().score(account, n), false);
    }

    @Tool(
            name = "pipeline_forecast",
            value = "Pipeline and forecast for a quarter: open and weighted pipeline (amount × CRM probability), "
                    + "commit / best case / pipeline categories, closed-won to date, coverage and gap against the "
                    + "configured target, slipping deals (close date passed, stuck past the stage median), an "
                    + "optional breakdown, and this quarter vs the previous one by daily rate.")
    public String pipelineForecast(
            @P(value = "quarter like 2026-Q1 (default: the current quarter)", required = false) String quarter,
            @P(value = "breakdown: region, owner, stage or type", required = false) String by) {
        Dimension dimension;
        try {
            dimension = by == null || by.isBlank() ? null : Dimension.parse(by);
        } catch (IllegalArgumentException e) {
            throw new ToolException(e.getMessage());
        }
        return AnalyticsJson.outcome(analytics.pipeline().forecast(quarter, dimension), false);
    }

    @Tool(
            name = "competitor_mentions",
            value = "Competitor mentions across calls: calls per competitor, by account, by deal stage and by month, "
                    + "with quotes (speaker, call, date).")
    public String competitorMentions(
            @P(value = "only this account (name or id)", required = false) String account,
            @P(value = "from this date, YYYY-MM-DD (default: the last 180 days)", required = false) String since) {
        LocalDate from;
        try {
            from = since == null || since.isBlank() ? null : LocalDate.parse(since.trim());
        } catch (DateTimeParseException e) {
            throw new ToolException("since must be a date like 2026-01-31, was '" + since + "'");
        }
        return AnalyticsJson.outcome(analytics.competitors().mentions(account, from), false);
    }

    @Tool(
            name = "expansion_candidates",
            value = "PLG customers ready to convert to a commit deal ($2K+/month billed for the last two complete "
                    + "months and 90+ active days in 120) and commit customers consuming above 120 % of their "
                    + "contracted rate.")
    public String expansionCandidates() {
        return AnalyticsJson.forModel(analytics.expansion().find());
    }
}
