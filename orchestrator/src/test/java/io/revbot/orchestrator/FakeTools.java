package io.revbot.orchestrator;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Tools with the canonical names, behaving like the real ones enough to drive the loop. */
public class FakeTools {
    final AtomicInteger dealReviews = new AtomicInteger();
    /** What {@code pipeline_forecast} saw of the run's earlier tool results, per call. */
    final List<List<ToolObserver.PriorResult>> priorResultsSeen = new CopyOnWriteArrayList<>();

    volatile boolean dealReviewFailsFirst;

    @Tool(name = "deal_review", value = "Reviews one opportunity: MEDDPICC score, probability, risks.")
    public String dealReview(@P("opportunity name or id") String opportunity) {
        if (dealReviewFailsFirst && dealReviews.getAndIncrement() == 0) {
            throw new ToolException("No opportunity named '" + opportunity + "'. Try the full name.");
        }
        ToolObserver.current().fact("opportunity", opportunity);
        return "{\"opportunity\":\"" + opportunity + "\",\"probability\":38,\"meddpicc\":41}";
    }

    @Tool(name = "run_sql", value = "Runs one read-only SELECT on the warehouse.")
    public String runSql(@P("the SELECT statement") String sql) {
        ToolObserver.current().fact("rows", 1);
        ToolObserver.current().fact("sql", sql);
        return "total_pipeline\n1200000";
    }

    @Tool(name = "pipeline_forecast", value = "Forecasts the pipeline of a quarter.")
    public String pipelineForecast(@P("the quarter") String quarter) {
        priorResultsSeen.add(ToolObserver.current().priorResults());
        return "{\"quarter\":\"" + quarter + "\",\"weighted\":800000}";
    }

    @Tool(name = "knowledge_search", value = "Searches the knowledge base.")
    public String knowledgeSearch(@P("what to look for") String query) {
        ToolObserver.current().knowledgeReference("business_logic/pipeline_rules.md", "Stage definitions", 0.82);
        return "Pipeline counts open opportunities from stage Discovery onwards.";
    }

    @Tool(name = "propose_slack_notification", value = "Proposes a Slack message; a person approves it.")
    public String proposeSlack(@P("channel") String channel, @P("message") String message) {
        ToolObserver.current().actionProposed("act-1", "Post to " + channel + ": " + message);
        return "Proposed action act-1 (waiting for approval)";
    }
}
