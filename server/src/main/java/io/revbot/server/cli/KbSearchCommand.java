package io.revbot.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.ingest.KnowledgeBase;
import io.revbot.tools.knowledge.KnowledgeHit;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code revbot kb search "<query>" [--k N] [--folder F] [--json]}. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Searches the knowledge base the way the agents do (vector similarity and keyword match, fused).",
            "Ingests first when the store is empty or behind the folder (progress on stderr)."
        })
final class KbSearchCommand implements Callable<Integer> {
    private static final int PREVIEW = 400;
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "What to look for, e.g. \"how is ACV computed\".")
    String query;

    @Option(names = "--k", defaultValue = "5", description = "Number of hits, 1-50 (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--folder",
            description = "Only this folder: business_logic, schema, sql_patterns, workflows, icp_and_messaging.")
    String folder;

    @CommandLine.Mixin
    JsonOutput json;

    KbSearchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (k < 1 || k > 50) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--k must be between 1 and 50, got " + k);
        }
        if (query.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "QUERY is empty");
        }
        KnowledgeBase kb = context.components().knowledgeBase();
        KnowledgeRefresh.beforeSearching(kb, context.err(), "kb", false);
        Optional<String> only = Optional.ofNullable(folder).map(String::strip).filter(f -> !f.isEmpty());
        List<KnowledgeHit> hits = kb.search().search(query, k, only);
        PrintWriter out = context.out();
        if (json.requested()) {
            out.println(toJson(hits));
        } else if (hits.isEmpty()) {
            out.println(
                    "No match for \"" + query + "\"" + only.map(f -> " in " + f).orElse("") + ".");
        } else {
            for (int i = 0; i < hits.size(); i++) {
                KnowledgeHit hit = hits.get(i);
                out.printf(
                        Locale.ROOT,
                        "%d. %s > %s  (score %.2f)%n",
                        i + 1,
                        hit.document(),
                        hit.headingPath(),
                        hit.score());
                out.println(indent(preview(hit.text())));
                out.println();
            }
        }
        out.flush();
        return 0;
    }

    private String toJson(List<KnowledgeHit> hits) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("query", query);
        ArrayNode array = root.putArray("hits");
        for (KnowledgeHit hit : hits) {
            array.addObject()
                    .put("document", hit.document())
                    .put("heading_path", hit.headingPath())
                    .put("score", hit.score())
                    .put("text", hit.text());
        }
        return mapper.writeValueAsString(root);
    }

    private static String preview(String text) {
        String t = text.strip();
        return t.length() <= PREVIEW ? t : t.substring(0, PREVIEW) + "…";
    }

    private static String indent(String text) {
        return "   " + text.replace("\n", "\n   ");
    }
}
