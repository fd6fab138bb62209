/** The main PostgreSQL database: its connection pool and the single Flyway migration run. */
package io.revbot.server.db;
