/**
 * The deterministic demo data set: {@link io.revbot.tools.demo.DemoDataGenerator} writes the warehouse of
 * {@code schema.sql} (same tables and columns as the production Firebolt warehouse) into DuckDB, with realistic
 * distributions and the planted stories of {@code tools/README.md} ({@link io.revbot.tools.demo.PlantedStories}).
 */
package io.revbot.tools.demo;
