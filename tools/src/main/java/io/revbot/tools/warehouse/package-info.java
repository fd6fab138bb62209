/**
 * The warehouse port and its adapters (DuckDB demo, any JDBC driver, Firebolt over HTTP), the SQL guard that keeps
 * model-written SQL read-only, and the warehouse tools the agents call.
 */
package io.revbot.tools.warehouse;
