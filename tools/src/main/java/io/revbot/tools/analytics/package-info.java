/**
 * RevOps analyses computed deterministically in Java and SQL over the {@link io.revbot.tools.warehouse.Warehouse}:
 * deal review (MEDDPICC), lead assessment (ICP), churn risk, pipeline and forecast, competitor intelligence,
 * expansion and conversion candidates. Each returns a typed record carrying the SQL it ran; {@link
 * io.revbot.tools.analytics.AnalyticsTools} exposes them to the model and the CLI prints them. The numeric rules
 * live in the rule classes ({@link io.revbot.tools.analytics.SalesProcess}, {@link
 * io.revbot.tools.analytics.ChurnModel}, {@link io.revbot.tools.analytics.IcpModel}, {@link
 * io.revbot.tools.analytics.ConsumptionRules}) and in {@code knowledge_base/business_logic/}; a test keeps both in step.
 */
package io.revbot.tools.analytics;
