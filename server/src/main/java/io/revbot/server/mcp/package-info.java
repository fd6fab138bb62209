/**
 * RevBot as an MCP server: its read-only tools and knowledge documents for other agents, over stdio
 * ({@code revbot mcp}) and Streamable HTTP ({@code POST /mcp}), on the official MCP Java SDK; every call recorded like
 * a run. See {@code docs/decisions/0013-mcp.md}.
 */
package io.revbot.server.mcp;
