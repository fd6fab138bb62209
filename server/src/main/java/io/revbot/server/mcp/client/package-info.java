/**
 * MCP servers as tools for RevBot's agents: connects the servers of {@code REVBOT_MCP_SERVERS} with the MCP Java
 * SDK's client, checks them at start and turns their allowed tools into LangChain4j tools the runtime observes like
 * its own.
 */
package io.revbot.server.mcp.client;
