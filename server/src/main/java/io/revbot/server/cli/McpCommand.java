package io.revbot.server.cli;

import io.modelcontextprotocol.server.McpSyncServer;
import io.revbot.orchestrator.Principal;
import io.revbot.server.Components;
import io.revbot.server.mcp.RevbotMcpServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * {@code revbot mcp}: RevBot's read-only tools and knowledge documents as an MCP server over stdio, for desktop and
 * IDE clients that start it themselves (Claude Desktop, Claude Code). Standard output carries only MCP messages;
 * everything else goes to standard error. Ends when the client closes standard input.
 */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = {
            "Serves RevBot's read-only tools (deal_review, pipeline_forecast, run_sql, …) and the knowledge base's"
                    + " documents over MCP on stdin/stdout, for Claude Desktop, Claude Code and other MCP clients.",
            "Runs with your configuration and credentials; every tool call is recorded like a run.",
            "Remote clients use POST /mcp on `revbot serve` instead (REVBOT_MCP_TOKENS)."
        })
public final class McpCommand implements Callable<Integer> {
    private final CliContext context;

    public McpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Components components = context.components();
        RevbotMcpServer server = components.mcpServer();
        try {
            // Like serve: knowledge_search answers from an index that is up to date with the folder.
            components.startKnowledgeWatcher();
        } catch (RuntimeException e) {
            context.err().println("revbot: knowledge base not watched: " + e.getMessage());
        }
        CountDownLatch closed = new CountDownLatch(1);
        McpSyncServer sdkServer =
                server.stdio(new EndSignallingInput(System.in, closed), System.out, Principal.LocalUser.current());
        context.err()
                .println("revbot: MCP server on stdio with "
                        + server.catalog().tools().size() + " tools (ends when the client closes the connection)");
        context.err().flush();
        closed.await();
        sdkServer.closeGracefully();
        return 0;
    }

    /** Standard input that counts the latch down when the client closes it. */
    private static final class EndSignallingInput extends FilterInputStream {
        private final CountDownLatch closed;

        EndSignallingInput(InputStream in, CountDownLatch closed) {
            super(in);
            this.closed = closed;
        }

        @Override
        public int read() throws IOException {
            return ended(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return ended(super.read(b, off, len));
        }

        private int ended(int n) {
            if (n < 0) {
                closed.countDown();
            }
            return n;
        }
    }
}
