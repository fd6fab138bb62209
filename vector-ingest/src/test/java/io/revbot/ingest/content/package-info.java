/** Checks on the knowledge base's content: schema docs match the warehouse, every SQL pattern runs. */
package io.revbot.ingest.content;
