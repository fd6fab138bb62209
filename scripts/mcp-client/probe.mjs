// Drives a real MCP client (the official TypeScript SDK) against RevBot and prints what it saw as one JSON object,
// for McpClientsIT to assert on. Usage: node probe.mjs <plan.json>, where the plan is
//   {"transport": "stdio", "command": "java", "args": [...], "env": {...}, "cwd": "..."}
//   or {"transport": "http", "url": "http://127.0.0.1:PORT/mcp", "token": "..."}
// plus "calls": [{"tool": "deal_review", "arguments": {...}}, ...], optionally "read": "revbot://knowledge/…", and
// "out": a file for the report (else standard output, where a stdio server's standard error may interleave).
import { readFileSync, writeFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function transportFor(plan) {
  if (plan.transport === 'stdio') {
    return new StdioClientTransport({
      command: plan.command,
      args: plan.args,
      env: { ...getDefaultEnvironment(), ...plan.env },
      cwd: plan.cwd,
      stderr: 'inherit',
    });
  }
  return new StreamableHTTPClientTransport(new URL(plan.url), {
    requestInit: { headers: { Authorization: `Bearer ${plan.token}` } },
  });
}

const client = new Client({ name: 'revbot-e2e', version: '1.0.0' });
const report = {};
try {
  await client.connect(transportFor(plan));
  report.serverInfo = client.getServerVersion();
  report.tools = (await client.listTools()).tools;
  report.resources = (await client.listResources()).resources;
  if (plan.read) {
    report.read = await client.readResource({ uri: plan.read });
  }
  report.calls = [];
  for (const call of plan.calls ?? []) {
    report.calls.push(await client.callTool({ name: call.tool, arguments: call.arguments }));
  }
} catch (e) {
  report.error = String(e && e.stack ? e.stack : e);
} finally {
  await client.close().catch(() => {});
}
if (plan.out) {
  writeFileSync(plan.out, JSON.stringify(report));
} else {
  process.stdout.write(JSON.stringify(report) + '\n');
}
process.exit(report.error ? 1 : 0);
